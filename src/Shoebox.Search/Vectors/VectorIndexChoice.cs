using Shoebox.Core;

namespace Shoebox.Search.Vectors;

/// <summary>
/// Which index to build for a collection: the exact one while it answers fast enough, the HNSW graph past that.
/// </summary>
/// <remarks>
/// Exact search is the recall reference, has no training and no tuning, so it is kept as long as a query costs
/// under about 5 ms: `bench search` on two cores measured exact p50 at 2.5 ms for 10,000 512-d vectors and 21 ms for
/// 100,000 (linear, about 0.21-0.25 µs per vector), so it crosses 5 ms near 20,000 vectors. Past that, HNSW answered
/// 100,000 vectors in under a millisecond at recall@10 0.98-0.99, where IVF needed 2.3 ms for 0.964 and at a million
/// could not pass 0.65 recall under 5 ms (see the README); IVF was removed since.
/// </remarks>
public static class VectorIndexChoice
{
    public const int ExactUpTo = 20_000;

    public static bool PrefersExact(int count) => count <= ExactUpTo;

    /// <summary>An index of <paramref name="ids"/> and their rows (row i is rows[i·d ..][..d]), exact or HNSW by <see cref="PrefersExact"/>.</summary>
    public static IVectorIndex Build(ModelIdentity model, ReadOnlyMemory<long> ids, ReadOnlyMemory<float> rows, HnswOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!PrefersExact(ids.Length))
        {
            return HnswVectorIndex.Build(model, ids, rows, options);
        }
        if (rows.Length != (long)ids.Length * model.Dimensions)
        {
            throw new ArgumentException($"{ids.Length} ids need {(long)ids.Length * model.Dimensions} values, not {rows.Length}.", nameof(rows));
        }
        var exact = new ExactVectorIndex(model, ids.Length);
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                exact.Upsert(ids.Span[i], rows.Span.Slice(i * model.Dimensions, model.Dimensions));
            }
            return exact;
        }
        catch
        {
            exact.Dispose();
            throw;
        }
    }
}
