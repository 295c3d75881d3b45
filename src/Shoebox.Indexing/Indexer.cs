using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>
/// One `shoebox index` run. Two phases, each a pipeline of bounded channels:
/// scan (walk -> read and hash -> catalog writer, Indexer.Scan.cs) records what exists; process (pending photos ->
/// decode -> model batches -> catalog writer, Indexer.Process.cs) does the per-photo work. The catalog is the checkpoint: whatever a killed run committed is
/// kept, and the next run finds the rest still pending.
/// </summary>
public sealed partial class Indexer
{
    private readonly IndexOptions _options;
    private readonly RunTally _tally = new();
    private readonly List<IndexFailure> _unreadableLibraries = [];
    private readonly List<string> _skippedLibraries = [];

    public Indexer(IndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Live counts for a progress display; safe to read from another thread.</summary>
    public IndexProgress Progress => _tally.Snapshot();

    /// <summary>
    /// Runs to the end, or until <paramref name="cancellationToken"/> fires: then the batch in hand is committed and
    /// the summary says it was interrupted. Throws <see cref="LibraryUnavailableException"/> when the library
    /// cannot be written (busy, full, read-only) and <see cref="DirectoryNotFoundException"/> for a missing root.
    /// </summary>
    public async Task<IndexSummary> RunAsync(CancellationToken cancellationToken)
    {
        var roots = _options.Roots.Select(ValidateRoot).Distinct(StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        using var libraryLock = _options.Library.Lock();
        await using var catalog = await _options.Library.OpenAsync(cancellationToken);
        var started = DateTimeOffset.UtcNow;
        var tagged = 0;
        var runId = await catalog.Runs.BeginAsync([.. roots, .. _options.Libraries.Select(l => l.Id)], started);
        try
        {
            await ScanAsync(catalog, roots, started, cancellationToken);
            await PrepareModelAsync(catalog); // after the scan, so the photos it found get the model's stage too
            if (_options.RebuildThumbnails)
            {
                await RequeueMissingThumbnailsAsync(catalog);
            }
            await PrepareTagsAsync(catalog);
            if (_options.ScanOnly)
            {
                await catalog.Stages.QueueAsync(Stages.PerceptualHash); // workers do the processing; the stage is queued for them
            }
            else if (!cancellationToken.IsCancellationRequested)
            {
                await ProcessAsync(catalog, cancellationToken);
            }
            tagged = await TagPendingAsync(catalog, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: what was committed stays; the summary says the run was interrupted.
        }
        var summary = _tally.ToSummary(cancellationToken.IsCancellationRequested, clock.Elapsed) with
        {
            Tagged = tagged,
            UnreadableLibraries = [.. _unreadableLibraries],
            SkippedLibraries = [.. _skippedLibraries.Order(StringComparer.Ordinal)],
        };
        await catalog.Runs.FinishAsync(runId, summary.ToJson(), DateTimeOffset.UtcNow);
        return summary;
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
