using Shoebox.Catalog;
using Shoebox.Catalog.Stores;

namespace Shoebox.Indexing;

/// <summary>
/// Between a run's targets and the library's sources: what a run over sources walks and reads, and the sources a
/// run's targets are recorded as (so `shoebox index` with no path and `serve` scan them again).
/// </summary>
public static class SourceTargets
{
    /// <summary>
    /// The folders and libraries of <paramref name="sources"/>, as one run's targets. A source whose path is gone, or
    /// a library that cannot be opened, is left out with its reason: the others are still scanned.
    /// </summary>
    public static (IndexTargets Targets, IReadOnlyList<(CatalogSource Source, string Reason)> Left) Of(IEnumerable<CatalogSource> sources, string libraryFolder)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var roots = new List<string>();
        var libraries = new List<LibrarySource>();
        var left = new List<(CatalogSource, string)>();
        foreach (var source in sources)
        {
            if (!Path.Exists(source.Path))
            {
                left.Add((source, $"{source.Path} no longer exists"));
                continue;
            }
            if (source.IsFolder)
            {
                roots.Add(source.Path);
                continue;
            }
            try
            {
                var kind = PhotoLibraries.KindNamed(source.Kind) ?? throw new ArgumentException($"this Shoebox does not know sources of the kind {source.Kind}");
                libraries.Add(PhotoLibraries.Open(kind, source.Path, libraryFolder));
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
            {
                left.Add((source, e.Message));
            }
        }
        return (new IndexTargets(roots) { Libraries = libraries }, left);
    }

    /// <summary>Records the run's folders and libraries as sources (those not already one, or inside a folder source); returns the sources they are.</summary>
    internal static async Task<List<CatalogSource>> RecordAsync(PhotoCatalog catalog, IReadOnlyList<string> roots, IReadOnlyList<LibrarySource> libraries, DateTimeOffset now)
    {
        var recorded = new List<CatalogSource>();
        foreach (var (path, kind) in roots.Select(r => (r, SourceStore.FolderKind)).Concat(libraries.Select(l => (l.Path, l.KindName))))
        {
            var addition = await catalog.Sources.AddAsync(path, kind, now);
            // A folder inside a source is a part of it: the source as a whole was not scanned.
            if (addition.Outcome != SourceAdded.Covered)
            {
                recorded.Add(addition.Source);
            }
        }
        return recorded;
    }

    /// <summary>Notes the end of a scan of each source, with why a library among them could not be read.</summary>
    internal static async Task RecordScannedAsync(PhotoCatalog catalog, IReadOnlyList<CatalogSource> sources, IReadOnlyList<IndexFailure> unreadable, DateTimeOffset now)
    {
        foreach (var source in sources)
        {
            var failure = unreadable.FirstOrDefault(u => SourceStore.Normalise(u.Path) == source.Path);
            await catalog.Sources.RecordScanAsync(source.Id, now, failure?.Reason);
        }
    }
}
