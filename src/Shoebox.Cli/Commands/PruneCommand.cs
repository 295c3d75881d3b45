using System.CommandLine;
using System.Text.Json;
using Shoebox.Imaging;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox prune`: forget files that are gone, and photos no file holds any more.</summary>
internal static class PruneCommand
{
    public static Command Create(CliConsole console)
    {
        var library = CommonOptions.Library();
        var catalogUrl = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var command = new Command("prune", "Forget missing files, and photos that no file holds any more (with their thumbnails and vectors). Files on disk are never touched.")
        {
            library, json,
        };
        command.Add(catalogUrl);
        command.SetAction(parse =>
        {
            var folder = LibraryLocation.Resolve(parse.GetValue(library));
            // Exclusive: pruning while an index runs could remove a photo the index is about to link again.
            return ExistingLibrary.Run(console, folder, parse.GetValue(catalogUrl), exclusive: true, catalog =>
            {
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
            });
        });
        return command;
    }
}
