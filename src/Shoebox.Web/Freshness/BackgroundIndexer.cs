using System.Globalization;
using Microsoft.Extensions.Logging;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Freshness;

/// <summary>
/// Keeps the library in step with its folders while the server runs: file system events (once the folders have
/// been quiet for a moment) and a periodic rescan start an index run, one at a time; the engine then takes in
/// what changed. When another process holds the library (`shoebox index` in a terminal), the run is skipped and
/// tried again later.
/// </summary>
internal sealed partial class BackgroundIndexer : IAsyncDisposable
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMinutes(1);

    private readonly WebServerOptions _options;
    // Replaced when the library's model changes while serving (see Pipeline); each run takes the one set at its start.
    private volatile IndexingPipeline _indexing;
    private readonly SearchEngine _engine;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    // Wakes the loop when a file event arrives; the loop then waits for quiet.
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<FileSystemWatcher> _watchers = [];
    private IReadOnlyList<string> _roots = [];
    // Photo libraries imported before (by id); not watched, read again at each rescan.
    private IReadOnlyList<string> _libraries = [];
    private Task _loop = Task.CompletedTask;
    private long _lastEventTicks;
    private volatile Indexer? _current;
    private DateTimeOffset? _lastFinished;
    private string? _lastMessage;

    public BackgroundIndexer(WebServerOptions options, IndexingPipeline indexing, SearchEngine engine, ILogger logger)
    {
        _options = options;
        _indexing = indexing;
        _engine = engine;
        _logger = logger;
    }

    /// <summary>What the next run indexes with; set when the library's model changes while serving. The setter keeps the one it replaces open: its owner closes it.</summary>
    public IndexingPipeline Pipeline
    {
        get => _indexing;
        set => _indexing = value;
    }

    public IndexingState State => _current is { } indexer
        ? new IndexingState(IndexingState.Running, indexer.Progress, _lastFinished, _lastMessage, _roots)
        : new IndexingState(IndexingState.Idle, null, _lastFinished, _lastMessage, _roots);

    public async Task StartAsync()
    {
        await using (var catalog = await _engine.Library.OpenExistingAsync())
        {
            _roots = await catalog.Runs.ListRootsAsync();
            _libraries = await catalog.Runs.ListLibrariesAsync();
        }
        foreach (var root in _roots.Where(Directory.Exists))
        {
            try
            {
                var watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
                watcher.Created += OnChanged;
                watcher.Changed += OnChanged;
                watcher.Deleted += OnChanged;
                watcher.Renamed += OnChanged;
                // Lost events (the kernel's queue overflowed) mean anything may have changed: walk it all.
                watcher.Error += (_, _) => OnChanged(null, null);
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                // Too many watches (inotify's limit) or an unreadable folder: the periodic rescan still covers it.
                LogCannotWatch(_logger, root, e.Message);
            }
        }
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    private void OnChanged(object? sender, EventArgs? e)
    {
        // The library's own writes (catalog, thumbnails) would otherwise start run after run when it lies inside a root.
        if (e is FileSystemEventArgs change && IsUnder(change.FullPath, _engine.Library.Folder))
        {
            return;
        }
        Interlocked.Exchange(ref _lastEventTicks, Environment.TickCount64);
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == folder;

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var next = _options.FirstScanDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var woken = await _wake.WaitAsync(next, cancellationToken);
                if (woken)
                {
                    await WaitForQuietAsync(cancellationToken);
                }
                next = await RunOnceAsync(cancellationToken) ? _options.RescanInterval : BusyRetry;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
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
    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var roots = _roots.Where(Directory.Exists).ToList();
        if (roots.Count == 0 && _libraries.Count == 0)
        {
            return true;
        }
        // Drain the events this run will see anyway.
        while (_wake.CurrentCount > 0)
        {
            await _wake.WaitAsync(cancellationToken);
        }
        var indexer = new Indexer(_indexing, _logger);
        _current = indexer;
        try
        {
            var targets = new IndexTargets(roots) { Libraries = [.. _libraries.Select(Reopen).OfType<LibrarySource>()] };
            var summary = await indexer.RunAsync(targets, cancellationToken);
            _lastMessage = string.Create(CultureInfo.InvariantCulture, $"{summary.New} new, {summary.Changed} changed, {summary.Missing} missing");
            await _engine.RefreshAsync();
            return true;
        }
        catch (LibraryUnavailableException e)
        {
            _lastMessage = e.Message;
            LogSkipped(_logger, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            _lastMessage = e.Message;
            LogFailed(_logger, e.Message);
            return true;
        }
        finally
        {
            _current = null;
            _lastFinished = DateTimeOffset.UtcNow;
        }
    }

    // A library imported once may be gone since (a Takeout archive deleted after import): it is left out of the
    // rescan, and its photos stay as they were, rather than stopping background indexing for everything else.
    private LibrarySource? Reopen(string id)
    {
        try
        {
            return PhotoLibraries.FromId(id, _indexing.Library.Folder);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
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
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Cannot watch {Root} for changes ({Reason}); the periodic rescan covers it")]
    private static partial void LogCannotWatch(ILogger logger, string root, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Background indexing skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Background indexing failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
