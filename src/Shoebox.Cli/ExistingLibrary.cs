using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Cli;

/// <summary>
/// For commands that read or tidy a library but never create one: says so when there is none yet, and turns
/// a catalog that cannot be opened (or a database that cannot be reached) into its message and exit code 2.
/// </summary>
internal static class ExistingLibrary
{
    /// <param name="catalogAddress">The --catalog URL; null for catalog.db in <paramref name="folder"/>.</param>
    public static int Run(CliConsole console, string folder, string? catalogAddress, bool exclusive, Func<PhotoCatalog, int> command)
    {
        // A database holds no file here to look for: opening it says whether it can be reached.
        if (!PhotoCatalog.IsDatabaseUrl(catalogAddress) && !File.Exists(Path.Combine(folder, PhotoCatalog.FileName)))
        {
            console.Error.WriteLine($"shoebox: there is no library at {folder} yet. Run `shoebox index PATH` to create it.");
            return ExitCodes.CouldNotRun;
        }
        try
        {
            using var held = exclusive ? LibraryLock.Acquire(folder) : null;
            using var catalog = PhotoCatalog.Open(folder, catalogAddress);
            return command(catalog);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            console.Error.WriteLine($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
    }
}
