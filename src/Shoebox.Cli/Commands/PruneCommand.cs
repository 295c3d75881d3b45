using System.CommandLine;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox prune`: forget files that are gone, and photos no file holds any more.</summary>
internal static class PruneCommand
{
    public static Command Create(CliConsole console)
    {
        var library = CommonOptions.Library();
        var json = CommonOptions.Json();
        var command = new Command("prune", "Forget missing files, and photos that no file holds any more (with their thumbnails and vectors). Files on disk are never touched.")
        {
            library, json,
        };
        command.SetAction(parse =>
        {
            var folder = LibraryLocation.Resolve(parse.GetValue(library));
            if (!File.Exists(Path.Combine(folder, SqliteCatalog.FileName)))
            {
                console.Error.WriteLine($"shoebox: there is no library at {folder}.");
                return ExitCodes.CouldNotRun;
            }
            try
            {
                // Pruning while an index runs could remove a photo the index is about to link again.
                using var exclusive = LibraryLock.Acquire(folder);
                using var catalog = SqliteCatalog.Open(folder);
                var result = catalog.Prune();
                var thumbnails = new ThumbnailStore(folder);
                foreach (var hash in result.Photos)
                {
                    thumbnails.Delete(hash);
                }
                console.Out.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { locations = result.Locations, photos = result.Photos.Count })
                    : $"Forgot {result.Locations:N0} missing files and {result.Photos.Count:N0} photos no file holds any more.");
                return ExitCodes.Ok;
            }
            catch (LibraryUnavailableException e)
            {
                console.Error.WriteLine($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
        });
        return command;
    }
}
