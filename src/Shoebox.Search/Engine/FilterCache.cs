using System.Collections.Concurrent;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Search.Query;

namespace Shoebox.Search.Engine;

/// <summary>
/// The photos that pass a query's filters, remembered until the catalog changes: each page of an infinitely
/// scrolled result asks for the same filters again, and evaluating a folder filter over 100,000 photos takes a
/// couple of hundred milliseconds while a lookup takes none.
/// </summary>
internal sealed class FilterCache(CatalogPool catalogs)
{
    private const int Capacity = 32;

    private readonly ConcurrentDictionary<string, HashSet<long>> _passing = new(StringComparer.Ordinal);

    /// <summary>The ids passing the filter; null when it is empty (everything passes).</summary>
    public async Task<HashSet<long>?> PassingAsync(PhotoFilter filter)
    {
        if (filter.IsEmpty)
        {
            return null;
        }
        // The canonical form of the filter names it: the same filters written differently share an entry.
        var key = new SearchQuery { Filter = filter }.ToString();
        if (_passing.TryGetValue(key, out var known))
        {
            return known;
        }
        var passing = await catalogs.WithAsync(catalog => catalog.Photos.FilterAsync(filter));
        if (_passing.Count >= Capacity)
        {
            _passing.Clear();
        }
        _passing[key] = passing;
        return passing;
    }

    /// <summary>Forgets everything: photos were added, changed or removed.</summary>
    public void Clear() => _passing.Clear();
}
