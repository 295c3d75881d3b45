using System.CommandLine;
using Shoebox.Catalog;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Store;

namespace Shoebox.Cli.Commands;

/// <summary>
/// `shoebox worker --catalog URL`: one of several processes (on this or other machines) that share the pending work
/// of one catalog. `shoebox index --scan-only` catalogs the files; workers decode, embed, read and tag them.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>Read by the fault tests only: a pause before each photo, so a worker can be killed with a batch in hand.</summary>
    internal const string TestDelayVariable = "SHOEBOX_TEST_WORKER_DELAY_MS";

    public static Command Create(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var offline = CommonOptions.Offline();
        var model = new Option<string?>("--model")
        {
            Description = "Model for search vectors: an id from `shoebox models list` or a folder. Default: the catalog's model, else clip-vit-b32.",
            HelpName = "ID|DIR",
        };
        var map = new Option<string[]>("--map")
        {
            Description = "Read files catalogued under FROM from TO on this machine (repeatable), e.g. --map /srv/photos=/mnt/photos.",
            HelpName = "FROM=TO",
            AllowMultipleArgumentsPerToken = false,
        };
        var batch = new Option<int>("--batch")
        {
            Description = "Photos claimed at a time.",
            DefaultValueFactory = _ => new WorkerOptions().BatchSize,
            HelpName = "N",
        }.Between(1, 10_000);
        var lease = new Option<double>("--lease")
        {
            Description = "Seconds a claim holds without renewal (renewed while working): a crashed worker's photos go to others after this.",
            DefaultValueFactory = _ => new WorkerOptions().Lease.TotalSeconds,
            HelpName = "SECONDS",
        }.Between(1, 86_400);
        var watch = new Option<bool>("--watch")
        {
            Description = "Keep polling for new work; without it the worker stops when nothing is pending or held by another worker.",
        };
        var log = new Option<string?>("--log")
        {
            Description = "Also append the worker's log (timestamped lines, as on the error stream) to this file.",
            HelpName = "FILE",
        };
        var noOcr = CommonOptions.NoOcr();
        var noTags = CommonOptions.NoTags();
        var noFaces = CommonOptions.NoFaces();
        map.Validators.Add(result =>
        {
            try
            {
                PathMap.Parse(result.GetValueOrDefault<string[]>() ?? []);
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
            }
        });

        var command = new Command("worker", "Do the pending work (decode, thumbnails, vectors, text, tags) of a catalog shared with other workers, " +
            "claiming photos in batches. Files are catalogued by `shoebox index --scan-only`.");
        library.AddTo(command);
        foreach (var option in new Option[] { model, offline, map, batch, lease, watch, noOcr, noTags, noFaces, log, json })
        {
            command.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = library.Resolve(parse);
            var settings = new IndexSettings { ReadText = !parse.GetValue(noOcr), Tag = !parse.GetValue(noTags), FindFaces = !parse.GetValue(noFaces) };
            var work = new WorkerOptions
            {
                Paths = PathMap.Parse(parse.GetValue(map) ?? []),
                BatchSize = parse.GetValue(batch),
                Lease = TimeSpan.FromSeconds(parse.GetValue(lease)),
                Watch = parse.GetValue(watch),
                PhotoDelay = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable(TestDelayVariable), out var ms) ? ms : 0),
            };
            if (await OpenLogAsync(console, parse.GetValue(log)) is not { } logger)
            {
                return ExitCodes.CouldNotRun;
            }
            using (logger)
            {
                IndexingPipeline pipeline;
                try
                {
                    // Workers on other machines have no library of their own to remember the model: the shared catalog does.
                    var factory = new IndexingFactory(ModelChoice.Store(parse.GetValue(offline)), new LoggedFeedback(logger), logger);
                    pipeline = await factory.CreateAsync(chosen, settings, parse.GetValue(model), cancellationToken);
                }
                catch (ModelUnavailableException e)
                {
                    await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                    return ExitCodes.Usage;
                }
                catch (LibraryDamagedException e)
                {
                    await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                    return ExitCodes.CouldNotRun;
                }
                using (pipeline)
                {
                    return await RunAsync(console, new Worker(pipeline, work, logger), parse.GetValue(json), cancellationToken);
                }
            }
        });
        return command;
    }

    // A worker on another machine is followed through its log: on the error stream, and in FILE when asked.
    private static async Task<LogLines?> OpenLogAsync(CliConsole console, string? file)
    {
        if (file is null)
        {
            return new LogLines([console.Error], []);
        }
        try
        {
            var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read);
            var writer = new StreamWriter(stream);
            return new LogLines([console.Error, writer], [writer]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await console.Error.WriteLineAsync($"shoebox: cannot write the log to {file}: {e.Message}");
            return null;
        }
    }

    private static async Task<int> RunAsync(CliConsole console, Worker worker, bool json, CancellationToken cancellationToken)
    {
        using var interruption = new Interruption(console.Error, cancellationToken);
        WorkerSummary summary;
        try
        {
            summary = await worker.WorkAsync(interruption.Token);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
        if (json)
        {
            await console.Out.WriteLineAsync(summary.ToJson());
        }
        else
        {
            await console.Out.WriteLineAsync(
                $"Worker {summary.Worker}: {summary.Processed} photos in {summary.Batches} batches ({summary.Failed} failed, " +
                $"{summary.LostToOthers} taken over by other workers, {summary.Reconnects} reconnects) in {summary.ElapsedSeconds:0.#} s.");
        }
        return summary.Interrupted ? ExitCodes.Interrupted : ExitCodes.Ok;
    }
}
