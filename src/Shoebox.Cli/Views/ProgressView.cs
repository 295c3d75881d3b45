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
                var process = context.AddTask("Thumbnails and vectors", autoStart: false);
                ProgressTask? read = null;
                while (!run.IsCompleted)
                {
                    Update(indexer.Progress, scan, process);
                    read = UpdateReading(context, indexer.Progress, read);
                    await Task.WhenAny(run, Task.Delay(100));
                }
                Update(indexer.Progress, scan, process);
                read = UpdateReading(context, indexer.Progress, read);
                scan.StopTask();
                process.StopTask();
                read?.StopTask();
            });
    }

    private static void Update(IndexProgress progress, ProgressTask scan, ProgressTask process)
    {
        var failed = progress.Failed > 0 ? $" [red]{progress.Failed:N0} failed[/]" : "";
        var scanning = progress.Phase == IndexPhase.Scanning;
        scan.Description = "Scanning" + (scanning ? failed : "");
        process.Description = "Thumbnails and vectors" + (progress.Phase == IndexPhase.Processing ? failed : "");
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

    // The second pass (reading text) gets a bar of its own once it starts: search works from the moment the first ends.
    private static ProgressTask? UpdateReading(ProgressContext context, IndexProgress progress, ProgressTask? read)
    {
        if (progress.Phase is not IndexPhase.Reading and not IndexPhase.Finished || (read is null && progress.PhotosToRead == 0))
        {
            return read;
        }
        read ??= context.AddTask("Reading text (searchable now)");
        read.MaxValue = Math.Max(1, progress.PhotosToRead);
        read.Value = progress.PhotosToRead == 0 ? read.MaxValue : progress.PhotosRead;
        return read;
    }

    private static async Task FollowPlainAsync(CliConsole console, Indexer indexer, Task run)
    {
        var clock = Stopwatch.StartNew();
        var phase = IndexPhase.Scanning;
        // Each pass's rate is measured from its first line on, over the photos done since: those done before that line
        // took an unknown time, and the first line itself has had none.
        (TimeSpan At, int Done)? firstSeen = null;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(PlainInterval));
            var p = indexer.Progress;
            if (p.Phase != phase)
            {
                (phase, firstSeen) = (p.Phase, null);
            }
            if (p.Phase == IndexPhase.Scanning)
            {
                await console.Error.WriteLineAsync($"scanning: {p.FilesChecked:N0} of {p.FilesFound:N0} files checked, {p.Failed:N0} failed");
            }
            else if (p.Phase == IndexPhase.Processing)
            {
                await console.Error.WriteLineAsync($"thumbnails and vectors: {Pass(p.PhotosProcessed, p.PhotosToProcess)}");
            }
            else if (p.Phase == IndexPhase.Reading)
            {
                await console.Error.WriteLineAsync($"reading text (searchable now): {Pass(p.PhotosRead, p.PhotosToRead)}");
            }
        }

        string Pass(int done, int total)
        {
            firstSeen ??= (clock.Elapsed, done);
            return Counted(done, total, (clock.Elapsed - firstSeen.Value.At).TotalSeconds, done - firstSeen.Value.Done);
        }
    }

    /// <summary>A pass's progress, <paramref name="since"/> photos having been done in the last <paramref name="seconds"/>.</summary>
    internal static string Counted(int done, int total, double seconds, int since)
    {
        var counted = $"{done:N0} of {total:N0} photos";
        if (seconds < 1 || since <= 0)
        {
            return $"{counted}, measuring the rate";
        }
        var rate = since / seconds;
        var left = TimeSpan.FromSeconds(Math.Max(0, total - done) / rate);
        return $"{counted}, {rate:0.0}/s, about {left:hh\\:mm\\:ss} left";
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
