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
        var processingSince = TimeSpan.Zero;
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
                if (processingSince == TimeSpan.Zero)
                {
                    processingSince = clock.Elapsed;
                }
                var seconds = (clock.Elapsed - processingSince).TotalSeconds;
                var rate = seconds > 0 ? p.PhotosProcessed / seconds : 0;
                var left = rate > 0 ? TimeSpan.FromSeconds((p.PhotosToProcess - p.PhotosProcessed) / rate) : (TimeSpan?)null;
                await console.Error.WriteLineAsync(
                    $"processing: {p.PhotosProcessed:N0} of {p.PhotosToProcess:N0} photos, {rate:0.0}/s, {(left is { } l ? $"about {l:hh\\:mm\\:ss} left" : "estimating time left")}");
            }
        }
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
