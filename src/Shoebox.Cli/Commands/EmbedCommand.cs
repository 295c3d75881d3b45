using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Shoebox.Core;
using Shoebox.Models;
using Shoebox.Models.Store;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox embed`: the unit vector of one image or one text, as the index and search use them.</summary>
internal static class EmbedCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Argument<string?>("IMAGE") { Description = "An image file.", Arity = ArgumentArity.ZeroOrOne };
        var text = new Option<string?>("--text", "-t") { Description = "Embed this text instead of an image.", HelpName = "TEXT" };
        var model = new Option<string?>("--model") { Description = "Model id or folder (default: clip-vit-b32).", HelpName = "ID|DIR" };
        var offline = CommonOptions.Offline();
        var json = CommonOptions.Json();
        var command = new Command("embed", "Print the normalised vector of an image or a text.") { image, text, model, offline, json };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(image) is null) == (result.GetValue(text) is null))
            {
                result.AddError("Give either an IMAGE or --text, not both.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var installed = await ModelChoice.TryInstallAsync(console, parse.GetValue(model) ?? Models.Registry.ModelRegistry.DefaultId, parse.GetValue(offline), cancellationToken);
            if (installed is null)
            {
                return ExitCodes.CouldNotRun;
            }
            using var embedding = new EmbeddingModel(installed);
            float[] vector;
            try
            {
                vector = parse.GetValue(text) is { } words ? embedding.EmbedText(words) : embedding.EmbedImage(parse.GetValue(image)!);
            }
            catch (Exception e) when (e is BadImageException or ModelUnavailableException or IOException
                or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
            await console.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { model = embedding.Identity.Id, version = embedding.Identity.Version, dims = vector.Length, vector })
                : string.Join(' ', vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            return ExitCodes.Ok;
        });
        return command;
    }
}
