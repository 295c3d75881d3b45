using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>
/// Photo vectors of one model, searchable by similarity. A cache of the catalog (which stays the truth): it can be
/// thrown away and rebuilt from the catalog at any time.
/// </summary>
/// <remarks>
/// There is no search for "like this but not like that": callers combine the query vectors themselves
/// (positive − weight × negative, then renormalised) and search once. The dot product is linear, so that vector
/// ranks photos exactly as scoring both terms separately would, and it is the only form an approximate index can
/// answer in one pass; renormalising changes no ranking, only keeps scores on the cosine scale.
/// </remarks>
public interface IVectorIndex : IDisposable
{
    ModelIdentity Model { get; }

    int Count { get; }

    /// <summary>Adds the photo's vector, or replaces the one it had. The vector must be L2-normalised.</summary>
    /// <exception cref="ArgumentException">The vector is not <see cref="ModelIdentity.Dimensions"/> long or not finite.</exception>
    void Upsert(long photoId, ReadOnlySpan<float> vector);

    /// <returns>Whether the photo had a vector.</returns>
    bool Remove(long photoId);

    /// <summary>
    /// The <paramref name="k"/> photos most similar to <paramref name="query"/>, best first, equal scores by photo
    /// id. Only photos for which <paramref name="filter"/> is true are considered; it runs while the index is locked
    /// for reading, so it must not write to the index.
    /// </summary>
    /// <exception cref="ArgumentException">The query is not <see cref="ModelIdentity.Dimensions"/> long, or k is below 1.</exception>
    IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null);

    /// <summary>
    /// The <paramref name="k"/> of <paramref name="photoIds"/> most similar to <paramref name="query"/>, each scored
    /// exactly, best first, equal scores by photo id; ids without a vector here are passed over. For a filter that
    /// leaves few photos, where looking each one up costs less than a walk that meets mostly rejected ones.
    /// </summary>
    /// <exception cref="ArgumentException">The query is not <see cref="ModelIdentity.Dimensions"/> long, or k is below 1.</exception>
    IReadOnlyList<VectorHit> SearchAmong(ReadOnlySpan<float> query, int k, IEnumerable<long> photoIds);

    /// <summary>The photos that have a vector here, in no particular order: what a sync compares with the catalog.</summary>
    long[] PhotoIds();

    /// <summary>Writes the index to <paramref name="path"/>, replacing the file whole or not at all. Searches go on meanwhile.</summary>
    void Save(string path);
}
