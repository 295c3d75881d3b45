using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Cli;

/// <summary>
/// For commands that read or tidy a library but never create one: says so when there is none yet, and turns
/// a catalog that cannot be opened into its message and exit code 2.
/// </summary>
internal static class ExistingLibrary
{
    public static int Run(CliConsole console, string folder, bool exclusive, Func<PhotoCatalog, int> command)
    {
        if (!File.Exists(Path.Combine(folder, PhotoCatalog.FileName)))
        {
            console.Error.WriteLine($"shoebox: there is no library at {folder} yet. Run `shoebox index PATH` to create it.");
            return ExitCodes.CouldNotRun;
        }
        try
        {
            using var held = exclusive ? LibraryLock.Acquire(folder) : null;
            using var catalog = PhotoCatalog.Open(folder);
            return command(catalog);
        }
        catch (LibraryUnavailableException e)
        {
            console.Error.WriteLine($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
    }
}
