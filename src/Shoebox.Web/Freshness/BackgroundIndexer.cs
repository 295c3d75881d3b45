using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Freshness;

/// <summary>
/// Keeps the library in step with its sources while the server runs, one index run at a time: sources asked for
/// (added, re-scanned, resumed) wait in a queue and are scanned together by the next run; file system events (once the
/// folders have been quiet for a moment) queue their source; a periodic rescan queues them all. When another process
/// holds the library (`shoebox index` in a terminal), the run is put off and tried again later.
/// </summary>
internal sealed partial class BackgroundIndexer : IAsyncDisposable
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMinutes(1);

    // The latest errors shown; a run with thousands of bad files would otherwise fill every status answer.
    private const int ErrorsKept = 20;

    private readonly WebServerOptions _options;
    // Replaced when the library's model changes while serving (see Pipeline); each run takes the one set at its start.
    private volatile IndexingPipeline _indexing;
    private readonly SearchEngine _engine;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    // Wakes the loop: a source to scan, or a file event (the loop then waits for quiet).
    private readonly SemaphoreSlim _wake = new(0);
    // A run or a removal: both hold the library's lock, one at a time.
    private readonly SemaphoreSlim _turn = new(1);
    private readonly SourceWatchers _watchers;
    private readonly PassRate _rate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    // Guards the queue, the run in progress and the errors.
    private readonly Lock _gate = new();
    private readonly List<long> _queued = [];
    private readonly List<IndexFailure> _errors = [];
    // Taken off the queue for the next run, until it ends: scanning, even before the run has loaded them.
    private List<long> _taken = [];
    // Removals waiting for their turn: a run that starts meanwhile stops at once, so they do not wait for its end.
    private int _removals;
    private CurrentRun? _current;
    private Task _loop = Task.CompletedTask;
    private long _lastEventTicks;
    private TimeSpan _nextFullScan;
    private DateTimeOffset? _lastFinished;
    private string? _lastMessage;

    public BackgroundIndexer(WebServerOptions options, IndexingPipeline indexing, SearchEngine engine, ILogger logger)
    {
        _options = options;
        _indexing = indexing;
        _engine = engine;
        _logger = logger;
        _watchers = new SourceWatchers(engine.Library.Folder, OnChanged, (root, reason) => LogCannotWatch(_logger, root, reason));
    }

    /// <summary>What the next run indexes with; set when the library's model changes while serving. The setter keeps the one it replaces open: its owner closes it.</summary>
    public IndexingPipeline Pipeline
    {
        get => _indexing;
        set => _indexing = value;
    }

    private sealed record CurrentRun(Indexer Indexer, IReadOnlyList<CatalogSource> Sources, CancellationTokenSource Stop);

    public IndexingState State
    {
        get
        {
            lock (_gate)
            {
                var errors = _errors.ToList();
                if (_current is not { } run)
                {
                    return new IndexingState(IndexingState.Idle, null, _lastFinished, _lastMessage, _watchers.Paths) { Queued = _queued.Count, Errors = errors };
                }
                var progress = run.Indexer.Progress;
                var pass = _rate.Look(progress, _clock.Elapsed);
                return new IndexingState(IndexingState.Running, progress, _lastFinished, _lastMessage, _watchers.Paths)
                {
                    Done = pass.Done,
                    Total = pass.Total,
                    Rate = pass.Rate,
                    SecondsLeft = pass.SecondsLeft,
                    Sources = [.. run.Sources.Select(s => s.Path)],
                    Queued = _queued.Count,
                    Errors = errors,
                };
            }
        }
    }

    /// <summary>Whether the source is in the run going on, waiting for one, or neither.</summary>
    public SourceActivity ActivityOf(long sourceId) => Activities()(sourceId);

    /// <summary>
    /// What every source is doing, as of now. Read it before the sources' rows: a run that ends in between then still
    /// reads as running, never as finished with its scan not yet recorded in the row read before.
    /// </summary>
    public Func<long, SourceActivity> Activities()
    {
        lock (_gate)
        {
            var (taken, queued) = (_taken.ToHashSet(), _queued.ToHashSet());
            return id => taken.Contains(id) ? SourceActivity.Scanning : queued.Contains(id) ? SourceActivity.Queued : SourceActivity.None;
        }
    }

    public async Task StartAsync()
    {
        await using (var catalog = await _engine.Library.OpenExistingAsync())
        {
            foreach (var source in await catalog.Sources.ListAsync())
            {
                _watchers.Watch(source);
            }
        }
        _nextFullScan = _clock.Elapsed + _options.FirstScanDelay;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>Adds a source (see <see cref="SourceStore.AddAsync"/>) and, when it is new, queues its first scan.</summary>
    public async Task<SourceAddition> AddAsync(string path, string kind)
    {
        SourceAddition addition;
        await using (var catalog = await _engine.Library.OpenExistingAsync())
        {
            addition = await catalog.Sources.AddAsync(path, kind, DateTimeOffset.UtcNow);
        }
        if (addition.Outcome == SourceAdded.Added)
        {
            foreach (var absorbed in addition.Absorbed)
            {
                Forget(absorbed.Id);
            }
            _watchers.Watch(addition.Source);
            Scan(addition.Source.Id);
        }
        return addition;
    }

    /// <summary>Queues a scan of the source; the loop starts it as soon as the run in progress (if any) ends.</summary>
    public void Scan(long sourceId)
    {
        lock (_gate)
        {
            if (!_queued.Contains(sourceId))
            {
                _queued.Add(sourceId);
            }
        }
        Wake();
    }

    /// <summary>Stops watching and scanning the source (a run scanning it stops; the others in it are queued again).</summary>
    public async Task PauseAsync(CatalogSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using (var catalog = await _engine.Library.OpenExistingAsync())
        {
            await catalog.Sources.SetPausedAsync(source.Id, true);
        }
        Forget(source.Id);
    }

    public async Task ResumeAsync(CatalogSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using (var catalog = await _engine.Library.OpenExistingAsync())
        {
            await catalog.Sources.SetPausedAsync(source.Id, false);
        }
        _watchers.Watch(source with { Paused = false });
        Scan(source.Id);
    }

    /// <summary>
    /// Removes the source (see <see cref="SourceRemoval"/>). A run in progress is stopped first, whatever it scans (what
    /// it committed stays; its other sources are queued again), so the removal does not wait for a long run's end.
    /// </summary>
    public async Task<int> RemoveAsync(CatalogSource source, bool keepPhotos)
    {
        ArgumentNullException.ThrowIfNull(source);
        Forget(source.Id);
        CurrentRun? running;
        lock (_gate)
        {
            running = _current;
        }
        Interlocked.Increment(ref _removals);
        try
        {
            Stop(running);
            await _turn.WaitAsync();
            try
            {
                return await SourceRemoval.RemoveAsync(_engine, source, keepPhotos);
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _removals);
        }
    }

    // Off the watch list and the queue; the run scanning it, if any, stops (and queues its other sources again).
    private void Forget(long sourceId)
    {
        _watchers.Unwatch(sourceId);
        CurrentRun? stop = null;
        lock (_gate)
        {
            _queued.Remove(sourceId);
            if (_current?.Sources.Any(s => s.Id == sourceId) == true)
            {
                stop = _current;
            }
        }
        Stop(stop);
    }

    private static void Stop(CurrentRun? run)
    {
        try
        {
            run?.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended meanwhile.
        }
    }

    private void OnChanged(long sourceId)
    {
        Interlocked.Exchange(ref _lastEventTicks, Environment.TickCount64);
        Scan(sourceId);
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        // Set while another process holds the library: nothing runs before then.
        TimeSpan? busyUntil = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var now = _clock.Elapsed;
                var wait = busyUntil is { } busy ? busy - now
                    : HasQueued ? TimeSpan.Zero
                    : _nextFullScan - now;
                if (wait > TimeSpan.Zero)
                {
                    await _wake.WaitAsync(wait, cancellationToken);
                }
                await WaitForQuietAsync(cancellationToken);
                if (busyUntil is { } until && _clock.Elapsed < until)
                {
                    continue;
                }
                busyUntil = null;
                if (_clock.Elapsed >= _nextFullScan)
                {
                    await QueueAllAsync();
                    _nextFullScan = _clock.Elapsed + _options.RescanInterval;
                }
                if (!await RunQueuedAsync(cancellationToken))
                {
                    busyUntil = _clock.Elapsed + BusyRetry;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private bool HasQueued
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count > 0;
            }
        }
    }

    private async Task QueueAllAsync()
    {
        try
        {
            await using var catalog = await _engine.Library.OpenExistingAsync();
            foreach (var source in (await catalog.Sources.ListAsync()).Where(s => !s.Paused))
            {
                _watchers.Watch(source); // a folder that was missing at start may be back
                Scan(source.Id);
            }
        }
        catch (LibraryUnavailableException e)
        {
            LogSkipped(_logger, e.Message);
        }
    }

    private async Task WaitForQuietAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var quietFor = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastEventTicks));
            if (quietFor >= _options.QuietPeriod)
            {
                return;
            }
            await Task.Delay(_options.QuietPeriod - quietFor, cancellationToken);
        }
    }

    /// <returns>False when another process held the library, so the run should be tried again soon.</returns>
    private async Task<bool> RunQueuedAsync(CancellationToken cancellationToken)
    {
        List<long> ids;
        lock (_gate)
        {
            ids = [.. _queued];
            _queued.Clear();
            _taken = ids;
        }
        // Events that arrived meanwhile are for sources this run scans anyway.
        while (_wake.CurrentCount > 0)
        {
            await _wake.WaitAsync(cancellationToken);
        }
        try
        {
            if (ids.Count == 0)
            {
                return true;
            }
            await _turn.WaitAsync(cancellationToken);
            try
            {
                return await RunAsync(ids, cancellationToken);
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            lock (_gate)
            {
                _taken = [];
            }
        }
    }

    private async Task<bool> RunAsync(List<long> ids, CancellationToken cancellationToken)
    {
        List<CatalogSource> sources;
        try
        {
            await using var catalog = await _engine.Library.OpenExistingAsync(cancellationToken);
            sources = [.. (await catalog.Sources.ListAsync()).Where(s => ids.Contains(s.Id) && !s.Paused)];
            var (_, left) = SourceTargets.Of(sources, _indexing.Library.Folder);
            foreach (var (source, reason) in left)
            {
                await catalog.Sources.RecordScanAsync(source.Id, DateTimeOffset.UtcNow, reason);
                Remember([new IndexFailure(source.Path, reason)]);
            }
            sources = [.. sources.Where(s => !left.Any(l => l.Source.Id == s.Id))];
        }
        catch (LibraryUnavailableException e)
        {
            Requeue(ids);
            LogSkipped(_logger, e.Message);
            return false;
        }
        if (sources.Count == 0)
        {
            return true;
        }
        var (targets, _) = SourceTargets.Of(sources, _indexing.Library.Folder);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var indexer = new Indexer(_indexing, _logger);
        lock (_gate)
        {
            _rate.Reset();
            _current = new CurrentRun(indexer, sources, stop);
        }
        if (Volatile.Read(ref _removals) > 0)
        {
            await stop.CancelAsync();
        }
        try
        {
            var summary = await indexer.RunAsync(targets, stop.Token);
            _lastMessage = string.Create(CultureInfo.InvariantCulture, $"{summary.New} new, {summary.Changed} changed, {summary.Missing} missing");
            Remember([.. summary.Failures, .. summary.UnreadableLibraries]);
            if (summary.Interrupted && !cancellationToken.IsCancellationRequested)
            {
                // Stopped for a pause or a removal: the sources still wanted are scanned again (the catalog kept what was done).
                Requeue(ids);
            }
            await _engine.RefreshAsync();
            return true;
        }
        catch (LibraryUnavailableException e)
        {
            _lastMessage = e.Message;
            Requeue(ids);
            LogSkipped(_logger, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _lastMessage = e.Message;
            Remember([.. sources.Select(s => new IndexFailure(s.Path, e.Message))]);
            await RecordFailedAsync(sources, e.Message);
            LogFailed(_logger, e.Message);
            return true;
        }
        finally
        {
            lock (_gate)
            {
                _current = null;
            }
            _lastFinished = DateTimeOffset.UtcNow;
        }
    }

    private async Task RecordFailedAsync(IReadOnlyList<CatalogSource> sources, string reason)
    {
        try
        {
            await using var catalog = await _engine.Library.OpenExistingAsync();
            foreach (var source in sources)
            {
                await catalog.Sources.RecordScanAsync(source.Id, DateTimeOffset.UtcNow, reason);
            }
        }
        catch (LibraryUnavailableException e)
        {
            LogFailed(_logger, e.Message);
        }
    }

    private void Requeue(IEnumerable<long> ids)
    {
        lock (_gate)
        {
            _queued.InsertRange(0, ids.Where(id => !_queued.Contains(id)));
        }
    }

    private void Remember(IReadOnlyList<IndexFailure> failures)
    {
        lock (_gate)
        {
            // A file that fails again in a later run is listed once, with its latest reason.
            var paths = failures.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            _errors.RemoveAll(e => paths.Contains(e.Path));
            _errors.AddRange(failures.TakeLast(ErrorsKept));
            if (_errors.Count > ErrorsKept)
            {
                _errors.RemoveRange(0, _errors.Count - ErrorsKept);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _watchers.Dispose();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-run is safe: the catalog holds only committed batches.
        }
        _stop.Dispose();
        _wake.Dispose();
        _turn.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Cannot watch {Root} for changes ({Reason}); the periodic rescan covers it")]
    private static partial void LogCannotWatch(ILogger logger, string root, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Background indexing skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Background indexing failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

/// <summary>Where a source stands with background indexing.</summary>
internal enum SourceActivity
{
    None,
    Scanning,
    Queued,
}
