using System.Diagnostics;
using Shoebox.Indexing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Shoebox.Cli.Views;

/// <summary>
/// Shows a run's progress until it ends: live bars with counts, rate and time left on a terminal, a plain line
/// every few seconds otherwise (logs, CI, pipes).
/// </summary>
internal static class ProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static Task FollowAsync(CliConsole console, Indexer indexer, Task run) =>
        console.Interactive ? FollowLiveAsync(console, indexer, run) : FollowPlainAsync(console, indexer, run);

    private static async Task FollowLiveAsync(CliConsole console, Indexer indexer, Task run)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        await terminal.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountColumn(), new RateColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var scan = context.AddTask("Scanning");
                scan.IsIndeterminate = true;
                var process = context.AddTask("Processing", autoStart: false);
                while (!run.IsCompleted)
                {
                    Update(indexer.Progress, scan, process);
                    await Task.WhenAny(run, Task.Delay(100));
                }
                Update(indexer.Progress, scan, process);
                scan.StopTask();
                process.StopTask();
            });
    }

    private static void Update(IndexProgress progress, ProgressTask scan, ProgressTask process)
    {
        var failed = progress.Failed > 0 ? $" [red]{progress.Failed:N0} failed[/]" : "";
        var scanning = progress.Phase == IndexPhase.Scanning;
        scan.Description = "Scanning" + (scanning ? failed : "");
        process.Description = "Processing" + (scanning ? "" : failed);
        scan.MaxValue = Math.Max(1, progress.FilesFound);
        scan.Value = progress.FilesChecked;
        if (progress.Phase != IndexPhase.Scanning)
        {
            scan.IsIndeterminate = false;
            scan.Value = scan.MaxValue;
            if (!process.IsStarted)
            {
                process.StartTask();
            }
            process.MaxValue = Math.Max(1, progress.PhotosToProcess);
            process.Value = progress.PhotosProcessed;
            if (progress.PhotosToProcess == 0)
            {
                process.Value = process.MaxValue;
            }
        }
    }

    private static async Task FollowPlainAsync(CliConsole console, Indexer indexer, Task run)
    {
        var clock = Stopwatch.StartNew();
        (TimeSpan At, int Processed)? firstSeen = null;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(PlainInterval));
            var p = indexer.Progress;
            if (p.Phase == IndexPhase.Scanning)
            {
                await console.Error.WriteLineAsync($"scanning: {p.FilesChecked:N0} of {p.FilesFound:N0} files checked, {p.Failed:N0} failed");
            }
            else if (p.Phase == IndexPhase.Processing)
            {
                // The rate is measured from the first line on, over the photos done since: those done before it took
                // an unknown time, and the first line itself has had none.
                firstSeen ??= (clock.Elapsed, p.PhotosProcessed);
                await console.Error.WriteLineAsync(ProcessingLine(p, (clock.Elapsed - firstSeen.Value.At).TotalSeconds, p.PhotosProcessed - firstSeen.Value.Processed));
            }
        }
    }

    /// <summary>The plain progress line of the processing phase, <paramref name="since"/> photos having been done in the last <paramref name="seconds"/>.</summary>
    internal static string ProcessingLine(IndexProgress progress, double seconds, int since)
    {
        var done = $"processing: {progress.PhotosProcessed:N0} of {progress.PhotosToProcess:N0} photos";
        if (seconds < 1 || since <= 0)
        {
            return $"{done}, measuring the rate";
        }
        var rate = since / seconds;
        var left = TimeSpan.FromSeconds(Math.Max(0, progress.PhotosToProcess - progress.PhotosProcessed) / rate);
        return $"{done}, {rate:0.0}/s, about {left:hh\\:mm\\:ss} left";
    }

    /// <summary>"done/total" for the task's row.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup($"[grey]{task.Value:N0}/{(task.IsIndeterminate ? "?" : task.MaxValue.ToString("N0"))}[/]");
    }

    /// <summary>Items per second, as the files and photos go by.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup(task.Speed is { } speed ? $"[grey]{speed:0.0}/s[/]" : "[grey]-/s[/]");
    }
}
