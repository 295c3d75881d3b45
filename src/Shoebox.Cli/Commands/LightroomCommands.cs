using System.CommandLine;
using System.Diagnostics;
using Shoebox.Cli.Views;
using Shoebox.Sources.Lightroom;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox lightroom extract-previews`: Lightroom's largest previews as ordinary, upright, tagged JPEGs.</summary>
internal static class LightroomCommands
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static Command Create(CliConsole console) =>
        new("lightroom", "Read what Lightroom Classic keeps. Catalogs and previews are only ever read, never changed or locked.")
        {
            ExtractPreviews(console),
        };

    private static Command ExtractPreviews(CliConsole console)
    {
        var source = new Argument<string>("CATALOG_OR_PREVIEWS")
        {
            Description = "A .lrcat catalog (its \"<name> Previews.lrdata\" beside it is read, and files are named after the originals), or a Previews.lrdata folder (files are named by uuid).",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder to write the JPEGs to (created when missing; files of the same name are replaced).",
            HelpName = "DIR",
            Required = true,
        };
        var json = CommonOptions.Json();
        var command = new Command("extract-previews", "Write the largest preview Lightroom holds of each image as an upright JPEG, with its capture time, keywords, caption and title. For originals on a lost or unplugged drive.")
        {
            source, output, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var interruption = new Interruption(console.Error, cancellationToken);
            var path = parse.GetValue(source)!;
            PreviewExtraction extraction;
            try
            {
                extraction = PreviewExtraction.Plan(path, parse.GetValue(output)!);
            }
            catch (Exception e) when (e is LightroomPreviewException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
            using (extraction)
            {
                var live = parse.GetValue(json) ? null : console.Out;
                var run = Task.Run(() => extraction.Run(live, interruption.Token), CancellationToken.None);
                await FollowAsync(console, extraction, run);
                var result = await run;
                if (parse.GetValue(json))
                {
                    await console.Out.WriteLineAsync(ExtractionView.ToJson(result));
                }
                else
                {
                    ExtractionView.Write(console.Out, result);
                }
                if (result.Interrupted)
                {
                    return ExitCodes.Interrupted;
                }
                if (result.Written.Count == 0)
                {
                    await console.Error.WriteLineAsync($"shoebox: no preview could be read from {path}");
                    return ExitCodes.CouldNotRun;
                }
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    // A plain line every few seconds on the error stream, as `index` does when it is not on a terminal; on a
    // terminal the per-image lines are the progress.
    private static async Task FollowAsync(CliConsole console, PreviewExtraction extraction, Task run)
    {
        if (console.Interactive)
        {
            await Task.WhenAny(run);
            return;
        }
        var clock = Stopwatch.StartNew();
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(PlainInterval));
            if (!run.IsCompleted)
            {
                await console.Error.WriteLineAsync($"extracting: {extraction.Done:N0} of {extraction.Total:N0} previews, {extraction.Done / Math.Max(0.1, clock.Elapsed.TotalSeconds):0.0}/s");
            }
        }
    }
}
