using System.Data.Common;
using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>
/// `shoebox worker`: the process phase of many machines over one shared catalog. A worker claims a batch of
/// photos with pending stages for a lease, runs them through the same pipeline as `shoebox index`, and writes each
/// photo's results only while it still holds the photo. A background loop renews the lease while it works; a worker
/// that dies or loses the database stops renewing, its lease runs out, and its batch goes to another worker. When
/// the database goes away the worker waits (longer each time), reconnects and redoes the batch it had in hand.
/// </summary>
public sealed partial class Indexer
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Works until nothing is pending or held by another worker (or, with <see cref="WorkerOptions.Watch"/>, until
    /// <paramref name="cancellationToken"/> fires; then the photos in hand are written or released). The scan is not
    /// done here: `shoebox index --scan-only` catalogs the files.
    /// </summary>
    public async Task<WorkerSummary> WorkAsync(WorkerOptions work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var clock = Stopwatch.StartNew();
        var state = new WorkerState(work);
        var processor = CreateProcessor();
        _tally.StartProcessing(0);
        var spool = new ContentSpool(_options.Library.Folder, work.Name);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = Task.Run(() => RenewLeasesAsync(state, renewal.Token), CancellationToken.None);
        var prepared = false;
        DateTimeOffset? unreachableSince = null;
        var wait = FirstRetry;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await using var catalog = await _options.Library.OpenAsync(cancellationToken);
                    if (!prepared)
                    {
                        // Idempotent, so every worker may do it: the stages of this worker's model and text reading are queued.
                        await PrepareModelAsync(catalog);
                        await PrepareTagsAsync(catalog);
                        await catalog.Stages.QueueAsync(Stages.PerceptualHash);
                        prepared = true;
                    }
                    if (unreachableSince is not null)
                    {
                        work.Report?.Invoke($"The catalog at {catalog.Address} answers again; carrying on.");
                    }
                    unreachableSince = null;
                    wait = FirstRetry;
                    if (await WorkBatchesAsync(catalog, processor, spool, state, cancellationToken))
                    {
                        break;
                    }
                }
                catch (Exception e) when (IsConnectionLoss(e) && !cancellationToken.IsCancellationRequested)
                {
                    var now = DateTimeOffset.UtcNow;
                    unreachableSince ??= now;
                    if (now - unreachableSince > work.GiveUpAfter)
                    {
                        throw;
                    }
                    state.Reconnects++;
                    work.Report?.Invoke($"Lost the catalog ({Describe(e)}); trying again in {wait.TotalSeconds:0.##} s.");
                    await Task.Delay(wait, cancellationToken);
                    wait = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, wait.Ticks * 2));
                }
            }
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
        var progress = _tally.Snapshot();
        return new WorkerSummary(work.Name, state.Batches, progress.PhotosProcessed, progress.Failed, state.LostToOthers, state.Reconnects,
            cancellationToken.IsCancellationRequested, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>Claims and does batches on one connection; true when there is nothing left to do.</summary>
    private async Task<bool> WorkBatchesAsync(
        PhotoCatalog catalog, PhotoProcessor processor, ContentSpool spool, WorkerState state, CancellationToken cancellationToken)
    {
        var work = state.Options;
        var stages = processor.Handles;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await catalog.Claims.ClaimAsync(stages, work.Name, work.BatchSize, work.Lease, [.. state.PassOver]);
            if (batch.Count == 0)
            {
                // Photos another worker holds may come back when its lease runs out: wait for them, then stop.
                var others = await catalog.Claims.CountHeldByOthersAsync(stages, work.Name);
                if (others == 0 && !work.Watch)
                {
                    return true;
                }
                await Task.Delay(work.Watch ? work.PollInterval : TimeSpan.FromMilliseconds(Math.Clamp(work.Lease.TotalMilliseconds / 4, 100, 1000)), cancellationToken);
                continue;
            }
            state.Batches++;
            await WorkBatchAsync(catalog, processor, spool, state, batch, cancellationToken);
        }
        return false;
    }

    private async Task WorkBatchAsync(
        PhotoCatalog catalog, PhotoProcessor processor, ContentSpool spool, WorkerState state, List<PendingPhoto> batch, CancellationToken cancellationToken)
    {
        var work = state.Options;
        var ids = batch.Select(p => p.PhotoId).ToList();
        var recorded = new List<long>();
        state.InHand = ids;
        Func<Readable, ProcessedPhoto> process = work.PhotoDelay > TimeSpan.Zero
            ? readable =>
            {
                Thread.Sleep(work.PhotoDelay);
                return processor.Process(readable);
            }
            : processor.Process;
        try
        {
            spool.Clear();
            await ProcessPhotosAsync(catalog, [.. batch.Select(work.Paths.Apply)], process, spool, async (writer, result) =>
            {
                var id = result.Photo.PhotoId;
                if (result.Outcomes.Count == 0)
                {
                    state.PassOver.Add(id); // its file changed since the scan: left for the next scan, not claimed again here
                }
                else if (!await writer.Claims.HoldsAsync(id, work.Name))
                {
                    state.LostToOthers++; // its lease ran out and another worker has it: that one's results count
                }
                else
                {
                    await RecordAsync(writer, result);
                    recorded.Add(id);
                }
            }, cancellationToken);
            if (_options.Tag && recorded.Count > 0)
            {
                await TagPhotosAsync(catalog, recorded);
            }
        }
        finally
        {
            state.InHand = [];
            var unfinished = ids.Except(recorded).ToList();
            if (unfinished.Count > 0)
            {
                await TryReleaseAsync(catalog, work.Name, unfinished);
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

    /// <summary>Renews the lease on the batch in hand every third of the lease, on a connection of its own.</summary>
    private async Task RenewLeasesAsync(WorkerState state, CancellationToken cancellationToken)
    {
        var work = state.Options;
        var period = TimeSpan.FromMilliseconds(Math.Max(50, work.Lease.TotalMilliseconds / 3));
        PhotoCatalog? catalog = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, cancellationToken);
                if (state.InHand is not { Count: > 0 } ids)
                {
                    continue;
                }
                try
                {
                    catalog ??= await _options.Library.OpenAsync(cancellationToken);
                    await catalog.Claims.RenewAsync(work.Name, ids, work.Lease);
                }
                catch (Exception e) when (IsConnectionLoss(e) || e is DbException or LibraryUnavailableException or InvalidOperationException)
                {
                    // The worker's own loop notices the loss too (and reports what is wrong); a fresh connection is
                    // tried at the next renewal, and at worst the lease runs out and the batch is done again.
                    if (catalog is not null)
                    {
                        await catalog.DisposeAsync();
                    }
                    catalog = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker stopped.
        }
        finally
        {
            if (catalog is not null)
            {
                await catalog.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> means the database went away (restarted, unreachable, shutting down) rather
    /// than that something is wrong with the catalog or the request: only then is waiting and reconnecting right.
    /// </summary>
    internal static bool IsConnectionLoss(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsConnectionLoss);
            }
            if (e is DbException db && (db.IsTransient || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal))))
            {
                return true;
            }
            if (e is System.Net.Sockets.SocketException or TimeoutException or EndOfStreamException)
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(Exception error)
    {
        var innermost = error;
        while (innermost.InnerException is not null && innermost is not DbException)
        {
            innermost = innermost.InnerException;
        }
        return innermost.Message;
    }

    private sealed class WorkerState(WorkerOptions options)
    {
        public WorkerOptions Options { get; } = options;

        public HashSet<long> PassOver { get; } = [];

        // Read by the renewal loop while the worker replaces it.
        public volatile List<long> InHand = [];

        public int Batches { get; set; }

        public int LostToOthers { get; set; }

        public int Reconnects { get; set; }
    }
}
