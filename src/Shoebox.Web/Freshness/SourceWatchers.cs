using System.Collections.Concurrent;
using Shoebox.Catalog.Stores;

namespace Shoebox.Web.Freshness;

/// <summary>
/// A file system watcher per folder source: a change under one names that source. Photo libraries are not watched
/// (their importers read them again at each rescan); neither is the library's own folder (its catalog and thumbnails
/// would otherwise start run after run when it lies inside a source).
/// </summary>
internal sealed class SourceWatchers(string libraryFolder, Action<long> changed, Action<string, string> cannotWatch) : IDisposable
{
    private readonly ConcurrentDictionary<long, (string Path, FileSystemWatcher Watcher)> _watchers = new();

    /// <summary>The folders watched now.</summary>
    public IReadOnlyList<string> Paths => [.. _watchers.Values.Select(w => w.Path).Order(StringComparer.Ordinal)];

    public void Watch(CatalogSource source)
    {
        if (!source.IsFolder || source.Paused || !Directory.Exists(source.Path) || _watchers.ContainsKey(source.Id))
        {
            return;
        }
        try
        {
            var watcher = new FileSystemWatcher(source.Path) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            void OnChange(object sender, FileSystemEventArgs e)
            {
                if (!IsLibrary(e.FullPath))
                {
                    changed(source.Id);
                }
            }
            watcher.Created += OnChange;
            watcher.Changed += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            // Lost events (the kernel's queue overflowed) mean anything may have changed: walk it all.
            watcher.Error += (_, _) => changed(source.Id);
            watcher.EnableRaisingEvents = true;
            if (!_watchers.TryAdd(source.Id, (source.Path, watcher)))
            {
                watcher.Dispose();
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Too many watches (inotify's limit) or an unreadable folder: the periodic rescan still covers it.
            cannotWatch(source.Path, e.Message);
        }
    }

    public void Unwatch(long sourceId)
    {
        if (_watchers.TryRemove(sourceId, out var watched))
        {
            watched.Watcher.Dispose();
        }
    }

    private bool IsLibrary(string path) =>
        path == libraryFolder || SourceStore.IsUnder(path, libraryFolder);

    public void Dispose()
    {
        foreach (var id in _watchers.Keys)
        {
            Unwatch(id);
        }
    }
}
