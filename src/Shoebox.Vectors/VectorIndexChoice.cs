using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>
/// Which index to build for a collection: the exact one while it answers fast enough, the USearch graph past that;
/// and when a filter leaves so few photos that scoring each of them beats walking the graph.
/// </summary>
/// <remarks>
/// Exact search is the recall reference, has no training and no tuning, so it is kept as long as a query costs
/// under about 5 ms: `bench search` on two cores measured exact p50 at 2.5 ms for 10,000 512-d vectors and 21 ms for
/// 100,000 (linear, about 0.21-0.25 µs per vector), so it crosses 5 ms near 20,000 vectors. Past that, a graph
/// answers in a millisecond or two (see the README's "Search latency"). The same bound serves filters: scoring up to
/// 20,000 allowed photos one by one stays within those 5 ms, where a graph walk that must pass rejected photos to
/// find allowed ones grows as the filter narrows (USearch's filtered walk took 126 ms at 100,000 vectors with one
/// photo in a hundred allowed).
/// </remarks>
public static class VectorIndexChoice
{
    public const int ExactUpTo = 20_000;

    public static bool PrefersExact(int count) => count <= ExactUpTo;

    /// <summary>Whether <paramref name="allowed"/> photos are better scored one by one than found by a walk.</summary>
    public static bool PrefersScoringEach(int allowed) => allowed <= ExactUpTo;

    /// <summary>An index of <paramref name="ids"/> and their rows (row i is rows[i·d ..][..d]), exact or a graph by <see cref="PrefersExact"/>.</summary>
    public static IVectorIndex Build(ModelIdentity model, ReadOnlyMemory<long> ids, ReadOnlyMemory<float> rows, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!PrefersExact(ids.Length))
        {
            return USearchVectorIndex.Build(model, ids, rows, options);
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
