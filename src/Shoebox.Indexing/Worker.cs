using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>
/// `shoebox worker`: the process phase of many machines over one shared catalog. A worker claims a batch of
/// photos with pending stages for a lease, runs them through the same <see cref="ProcessPhase"/> as `shoebox index`,
/// and writes each photo's results only while it still holds the photo. <see cref="LeaseRenewal"/> renews the lease
/// while it works; a worker that dies or loses the database stops renewing, its lease runs out, and its batch goes
/// to another worker. When the database goes away the worker waits (longer each time), reconnects and redoes the
/// batch it had in hand.
/// </summary>
public sealed class Worker
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    private readonly IndexingPipeline _pipeline;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly RunTally _tally = new();
    private readonly ProcessPhase _process;
    private readonly PhotoProcessor _processor;
    private readonly TagPhase _tags;

    public Worker(IndexingPipeline pipeline, WorkerOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        _pipeline = pipeline;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _process = new ProcessPhase(pipeline, _tally, _logger);
        _processor = _process.CreateProcessor();
        _tags = new TagPhase(pipeline.Settings, pipeline.Services.ZeroShot);
    }

    /// <summary>
    /// Works until nothing is pending or held by another worker (or, with <see cref="WorkerOptions.Watch"/>, until
    /// <paramref name="cancellationToken"/> fires; then the photos in hand are written or released). The scan is not
    /// done here: `shoebox index --scan-only` catalogs the files.
    /// </summary>
    public async Task<WorkerSummary> WorkAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var state = new WorkerState(new LeaseRenewal(_pipeline.Library, _options, _logger));
        _tally.StartProcessing(0);
        var spool = new ContentSpool(_pipeline.Library.Folder, _options.Name);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = Task.Run(() => state.Renewal.RunAsync(renewal.Token), CancellationToken.None);
        try
        {
            await WorkUntilDoneAsync(state, spool, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: what was written stays, the rest of the batch was released.
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            spool.Clear();
        }
        // The last worker to finish leaves the saved index whole; the others' vectors come from the catalog.
        await (_pipeline.Services.Vectors?.SyncAsync() ?? Task.CompletedTask);
        var progress = _tally.Snapshot();
        var summary = new WorkerSummary(_options.Name, state.Batches, _tally.PhotosRecorded, progress.Failed, state.LostToOthers, state.Reconnects,
            cancellationToken.IsCancellationRequested, Math.Round(clock.Elapsed.TotalSeconds, 3));
        IndexingLog.WorkerFinished(_logger, summary.Worker, summary.ElapsedSeconds, summary.Processed, summary.Batches, summary.Failed, summary.LostToOthers, summary.Reconnects);
        return summary;
    }

    /// <summary>Opens the catalog (again, after it was lost) and works on it until there is nothing left.</summary>
    private async Task WorkUntilDoneAsync(WorkerState state, ContentSpool spool, CancellationToken cancellationToken)
    {
        var prepared = false;
        DateTimeOffset? unreachableSince = null;
        var wait = FirstRetry;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var catalog = await _pipeline.Library.OpenAsync(cancellationToken);
                if (!prepared)
                {
                    await catalog.EnsureUndamagedAsync();
                    // Idempotent, so every worker may do it: the stages of this worker's model and text reading are queued.
                    await _process.PrepareAsync(catalog);
                    await _tags.PrepareAsync(catalog);
                    await catalog.Stages.QueueAsync(Stages.PerceptualHash);
                    IndexingLog.WorkerStarted(_logger, _options.Name, _processor.Handles, catalog.Address);
                    prepared = true;
                }
                if (unreachableSince is not null)
                {
                    IndexingLog.CatalogBack(_logger, catalog.Address);
                }
                unreachableSince = null;
                wait = FirstRetry;
                if (await WorkBatchesAsync(catalog, spool, state, cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (ConnectionLoss.Is(e) && !cancellationToken.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow;
                var reason = ConnectionLoss.Describe(e);
                unreachableSince ??= now;
                if (now - unreachableSince > _options.GiveUpAfter)
                {
                    IndexingLog.GivingUp(_logger, _options.GiveUpAfter.TotalMinutes, reason);
                    throw;
                }
                state.Reconnects++;
                IndexingLog.CatalogLost(_logger, reason, wait.TotalSeconds);
                await Task.Delay(wait, cancellationToken);
                wait = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, wait.Ticks * 2));
            }
        }
    }

    /// <summary>Claims and does batches on one connection; true when there is nothing left to do.</summary>
    private async Task<bool> WorkBatchesAsync(PhotoCatalog catalog, ContentSpool spool, WorkerState state, CancellationToken cancellationToken)
    {
        var stages = _processor.Handles;
        // What search needs first, for every photo, as `index` does; text once no such work is left to claim.
        var firstPass = stages.Except(ProcessPhase.SecondPass).ToList();
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await catalog.Claims.ClaimAsync(firstPass, _options.Name, _options.BatchSize, _options.Lease, [.. state.PassOver]);
            if (batch.Count == 0 && firstPass.Count < stages.Count)
            {
                batch = await catalog.Claims.ClaimAsync(stages, _options.Name, _options.BatchSize, _options.Lease, [.. state.PassOver]);
            }
            if (batch.Count == 0)
            {
                // Photos another worker holds may come back when its lease runs out: wait for them, then stop.
                var others = await catalog.Claims.CountHeldByOthersAsync(stages, _options.Name);
                if (others == 0 && !_options.Watch)
                {
                    return true;
                }
                IndexingLog.WaitingForOthers(_logger, others);
                await Task.Delay(_options.Watch ? _options.PollInterval : TimeSpan.FromMilliseconds(Math.Clamp(_options.Lease.TotalMilliseconds / 4, 100, 1000)), cancellationToken);
                continue;
            }
            state.Batches++;
            await WorkBatchAsync(catalog, spool, state, batch, cancellationToken);
        }
        return false;
    }

    private async Task WorkBatchAsync(PhotoCatalog catalog, ContentSpool spool, WorkerState state, List<PendingPhoto> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(p => p.PhotoId).ToList();
        var recorded = new List<long>();
        var lostBefore = state.LostToOthers;
        state.Renewal.InHand = ids;
        Func<Readable, ProcessedPhoto> process = _options.PhotoDelay > TimeSpan.Zero
            ? readable =>
            {
                Thread.Sleep(_options.PhotoDelay);
                return _processor.Process(readable);
            }
            : _processor.Process;
        try
        {
            spool.Clear();
            await _process.RunAsync(catalog, [.. batch.Select(_options.Paths.Apply)], process, spool, async (writer, result) =>
            {
                var id = result.Photo.PhotoId;
                if (result.Outcomes.Count == 0)
                {
                    state.PassOver.Add(id); // its file changed since the scan: left for the next scan, not claimed again here
                }
                else if (!await writer.Claims.HoldsAsync(id, _options.Name))
                {
                    state.LostToOthers++; // its lease ran out and another worker has it: that one's results count
                }
                else
                {
                    await _process.RecordAsync(writer, result);
                    recorded.Add(id);
                }
            }, cancellationToken);
            if (recorded.Count > 0)
            {
                await _tags.TagPhotosAsync(catalog, recorded);
            }
            IndexingLog.BatchDone(_logger, state.Batches, recorded.Count, ids.Count, state.LostToOthers - lostBefore);
        }
        finally
        {
            state.Renewal.InHand = [];
            var unfinished = ids.Except(recorded).ToList();
            if (unfinished.Count > 0)
            {
                await TryReleaseAsync(catalog, _options.Name, unfinished);
            }
        }
    }

    // Others may take what this worker did not finish at once, rather than when the lease runs out.
    private static async Task TryReleaseAsync(PhotoCatalog catalog, string worker, List<long> photoIds)
    {
        try
        {
            await catalog.Claims.ReleaseAsync(worker, photoIds);
        }
        catch (Exception e) when (e is DbException or LibraryUnavailableException or InvalidOperationException)
        {
            // The connection is gone: the lease runs out instead.
        }
    }

    /// <summary>What one <see cref="WorkAsync"/> keeps between batches and reconnections.</summary>
    private sealed class WorkerState(LeaseRenewal renewal)
    {
        public LeaseRenewal Renewal { get; } = renewal;

        public HashSet<long> PassOver { get; } = [];

        public int Batches { get; set; }

        public int LostToOthers { get; set; }

        public int Reconnects { get; set; }
    }
}
