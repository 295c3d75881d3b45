using System.CommandLine;
using System.Text.Json;
using Shoebox.Imaging;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox prune`: forget files that are gone, and photos no file holds any more.</summary>
internal static class PruneCommand
{
    public static Command Create(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var command = new Command("prune", "Forget missing files, and photos that no file holds any more (with their thumbnails and vectors). Files on disk are never touched.");
        library.AddTo(command);
        command.Add(json);
        command.SetAction((parse, _) =>
        {
            var chosen = library.Resolve(parse);
            // Exclusive: pruning while an index runs could remove a photo the index is about to link again.
            return ExistingLibrary.RunAsync(console, chosen, exclusive: true, async catalog =>
            {
                var result = await catalog.Photos.PruneAsync();
                var thumbnails = new ThumbnailStore(chosen.Folder);
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
