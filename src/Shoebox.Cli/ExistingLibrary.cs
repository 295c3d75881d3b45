using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Cli;

/// <summary>
/// For commands that read or tidy a library but never create one: says so when there is none yet, and turns
/// a catalog that cannot be opened (or a database that cannot be reached) into its message and exit code 2. Every page
/// of the catalog is checked first: these commands read or change the whole library, and must not do so on a damaged one.
/// </summary>
internal static class ExistingLibrary
{
    /// <param name="exclusive">Hold the library's indexing lock meanwhile (the command writes what an index run would).</param>
    public static async Task<int> RunAsync(CliConsole console, Library library, bool exclusive, Func<PhotoCatalog, Task<int>> command)
    {
        try
        {
            using var held = exclusive && library.Exists ? library.Lock() : null;
            await using var catalog = await library.OpenExistingAsync();
            await catalog.EnsureUndamagedAsync();
            return await command(catalog);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
    }
}
