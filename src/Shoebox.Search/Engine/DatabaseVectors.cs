using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>
/// Nearest photos asked of a catalog database that searches vectors itself (PostgreSQL with pgvector): nothing is
/// loaded into the process, and every machine serving the catalog sees the same vectors at once.
/// </summary>
internal sealed class DatabaseVectors(ModelIdentity model, CatalogPool catalogs) : IModelVectors
{
    private volatile bool _indexed;

    // A catalog filled before its model was registered here (or by an older Shoebox) may lack the index. Two first
    // searches may both ask for it: the database builds it once (the others wait on its lock); a failed build is tried
    // again at the next search.
    public async Task SyncAsync()
    {
        if (!_indexed)
        {
            await catalogs.WithAsync(catalog => catalog.Vectors.EnsureIndexAsync(model));
            _indexed = true;
        }
    }

    public async Task<IReadOnlyList<VectorHit>> NearestAsync(float[] query, int k, HashSet<long>? allowed, IReadOnlySet<long> excluded)
    {
        await SyncAsync();
        var matches = await catalogs.WithAsync(catalog => catalog.Vectors.NearestAsync(model, query, k, allowed, excluded.ToArray()));
        return [.. matches.Select(m => new VectorHit(m.PhotoId, m.Score))];
    }

    public void Dispose()
    {
    }
}
