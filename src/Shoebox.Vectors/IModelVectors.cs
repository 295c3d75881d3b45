
namespace Shoebox.Vectors;

/// <summary>
/// Where a search finds the photos nearest to a vector: an index in the process kept in step with the catalog
/// (<see cref="LibraryVectors"/>, the embedded default), or the catalog's database itself (DatabaseVectors, in Shoebox.Search).
/// </summary>
public interface IModelVectors : IDisposable
{
    /// <summary>Takes in what the catalog has gained or lost since the last call.</summary>
    Task SyncAsync();

    /// <summary>
    /// The <paramref name="k"/> photos most similar to <paramref name="query"/>, best first, equal scores by photo id:
    /// only those in <paramref name="allowed"/> when it is given, never those in <paramref name="excluded"/>.
    /// </summary>
    Task<IReadOnlyList<VectorHit>> NearestAsync(float[] query, int k, HashSet<long>? allowed, IReadOnlySet<long> excluded);
}
