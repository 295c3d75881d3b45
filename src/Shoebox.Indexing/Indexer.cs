using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shoebox.Core;
using Shoebox.Indexing.Faces;

namespace Shoebox.Indexing;

/// <summary>
/// One `shoebox index` run, in phases: scan (<see cref="ScanPhase"/>) records what exists; process
/// (<see cref="ProcessPhase"/>) does the per-photo work; tag (<see cref="TagPhase"/>) tags from what the catalog
/// then holds. The catalog is the checkpoint: whatever a killed run committed is kept, and the next run finds the rest
/// still pending. A pipeline may be run again and again (serve does, at every change).
/// </summary>
public sealed class Indexer
{
    private readonly IndexingPipeline _pipeline;
    private readonly ILogger _logger;
    private readonly RunTally _tally = new();

    public Indexer(IndexingPipeline pipeline, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Live counts for a progress display; safe to read from another thread.</summary>
    public IndexProgress Progress => _tally.Snapshot();

    /// <summary>
    /// Runs to the end, or until <paramref name="cancellationToken"/> fires: then the batch in hand is committed and
    /// the summary says it was interrupted. Throws <see cref="LibraryUnavailableException"/> when the library
    /// cannot be written (busy, full, read-only) and <see cref="DirectoryNotFoundException"/> for a missing root.
    /// </summary>
    public async Task<IndexSummary> RunAsync(IndexTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var roots = targets.Roots.Select(ValidateRoot).Distinct(StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        var library = _pipeline.Library;
        using var libraryLock = library.Lock();
        await using var catalog = await library.OpenAsync(cancellationToken);
        await catalog.EnsureUndamagedAsync(); // a run reads and writes all of it: never on damaged pages
        IndexingLog.RunStarted(_logger, roots.Count, targets.Libraries.Count, library.Description);
        var started = DateTimeOffset.UtcNow;
        var settings = _pipeline.Settings;
        var process = new ProcessPhase(_pipeline, _tally, _logger);
        var tags = new TagPhase(settings, _pipeline.Services.ZeroShot);
        var places = new PlacePhase(settings, _pipeline.Services.Places);
        var scanned = new ScanOutcome([], []);
        var tagged = 0;
        var runId = await catalog.Runs.BeginAsync([.. roots, .. targets.Libraries.Select(l => l.Id)], started);
        // What a run is pointed at becomes a source of the library: scanned again by `index` with no path and by `serve`.
        var sources = await SourceTargets.RecordAsync(catalog, roots, targets.Libraries, started);
        try
        {
            scanned = await new ScanPhase(_pipeline, _tally, _logger).RunAsync(catalog, roots, targets.Libraries, started, cancellationToken);
            await process.PrepareAsync(catalog); // after the scan, so the photos it found get the model's stage too
            if (settings.RebuildThumbnails)
            {
                await process.RequeueMissingThumbnailsAsync(catalog);
            }
            await tags.PrepareAsync(catalog);
            await places.PrepareAsync(catalog);
            if (settings.ScanOnly)
            {
                await catalog.Stages.QueueAsync(Stages.PerceptualHash); // workers do the processing; the stage is queued for them
            }
            else if (!cancellationToken.IsCancellationRequested)
            {
                await process.ProcessPendingAsync(catalog, cancellationToken);
            }
            if (settings.FindFaces && !cancellationToken.IsCancellationRequested)
            {
                // Also the faces workers found: grouping is one writer's work, done here.
                await FaceGrouping.RunAsync(catalog, new PeopleGrouper());
            }
            tagged = await tags.TagPendingAsync(catalog, cancellationToken);
            await places.PlacePendingAsync(catalog, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: what was committed stays; the summary says the run was interrupted.
        }
        // Saved now, so the first search after the run loads the index instead of building it.
        await (_pipeline.Services.Vectors?.SyncAsync() ?? Task.CompletedTask);
        var summary = _tally.ToSummary(cancellationToken.IsCancellationRequested, clock.Elapsed) with
        {
            Tagged = tagged,
            UnreadableLibraries = [.. scanned.UnreadableLibraries],
            SkippedLibraries = [.. scanned.SkippedLibraries.Order(StringComparer.Ordinal)],
        };
        await catalog.Runs.FinishAsync(runId, summary.ToJson(), DateTimeOffset.UtcNow);
        if (!summary.Interrupted)
        {
            await SourceTargets.RecordScannedAsync(catalog, sources, summary.UnreadableLibraries, DateTimeOffset.UtcNow);
        }
        Log(summary);
        return summary;
    }

    private void Log(IndexSummary summary)
    {
        if (summary.Interrupted)
        {
            IndexingLog.RunInterrupted(_logger, summary.ElapsedSeconds);
            return;
        }
        IndexingLog.RunFinished(_logger, summary.ElapsedSeconds, summary.Found, summary.New, summary.Changed, summary.Moved, summary.Missing,
            summary.Failed, summary.Processed, summary.Tagged);
    }

    private static string ValidateRoot(string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException(File.Exists(full)
                ? $"{root} is a file; give the folder that holds it"
                : $"{root} does not exist (or is not a folder)");
        }
        return full;
    }
}
