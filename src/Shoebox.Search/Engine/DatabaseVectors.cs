using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>
/// Nearest photos asked of a catalog database that searches vectors itself (PostgreSQL with pgvector): nothing is
/// loaded into the process, and every machine serving the catalog sees the same vectors at once.
/// </summary>
internal sealed class DatabaseVectors(ModelIdentity model, CatalogAccess catalog) : IModelVectors
{
    private volatile bool _indexed;

    // A catalog filled before its model was registered here (or by an older Shoebox) may lack the index. The catalog
    // access runs one call at a time, so two first searches do not both build it; a failed build is tried again.
    public void Sync()
    {
        if (!_indexed)
        {
            catalog.Read(c => c.EnsureVectorIndex(model));
            _indexed = true;
        }
    }

    public IReadOnlyList<VectorHit> Nearest(float[] query, int k, HashSet<long>? allowed, IReadOnlySet<long> excluded)
    {
        Sync();
        var matches = catalog.Read(c => c.NearestPhotos(model, query, k, allowed, excluded.ToArray()));
        return [.. matches.Select(m => new VectorHit(m.PhotoId, m.Score))];
    }

    public void Dispose()
    {
    }
}
