using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>
/// Nearest photos asked of a catalog database that searches vectors itself (PostgreSQL with pgvector): nothing is
/// loaded into the process, and every machine serving the catalog sees the same vectors at once.
/// </summary>
internal sealed class DatabaseVectors(ModelIdentity model, CatalogAccess catalog) : IModelVectors
{
    private int _indexed;

    // A catalog filled before its model was registered here (or by an older Shoebox) may lack the index.
    public void Sync()
    {
        if (Interlocked.Exchange(ref _indexed, 1) == 0)
        {
            catalog.Read(c => c.EnsureVectorIndex(model));
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
