using Shoebox.Vectors;

namespace Shoebox.Tests.Vectors;

/// <summary>
/// Compares a search's answer with the brute-force one without trusting the order of near-equal scores: an index
/// scores in float, summing in whatever order the CPU's vector width gives, the reference in double, so two photos
/// whose scores differ by less than the rounding may come either way round (and either may be the k-th).
/// </summary>
internal static class VectorAssert
{
    public const double Tolerance = 1e-5;

    public static void MatchesBruteForce(
        IReadOnlyDictionary<long, float[]> vectors, float[] query, int k, Func<long, bool>? filter, IReadOnlyList<VectorHit> actual)
    {
        var expected = RandomVectors.BruteForce(vectors, query, int.MaxValue, filter);
        var truth = expected.ToDictionary(hit => hit.Id, hit => hit.Score);
        Assert.Equal(Math.Min(k, expected.Count), actual.Count);
        Assert.Equal(actual.Count, actual.Select(hit => hit.PhotoId).Distinct().Count());
        for (var rank = 0; rank < actual.Count; rank++)
        {
            var hit = actual[rank];
            Assert.True(truth.TryGetValue(hit.PhotoId, out var score), $"photo {hit.PhotoId} at rank {rank} is filtered out or unknown");
            Assert.Equal(score, hit.Score, Tolerance);
            // As good as the rank-th best photo up to rounding: with the photos distinct, nothing better was missed.
            Assert.Equal(expected[rank].Score, hit.Score, Tolerance);
        }
        InOrder(actual);
    }

    /// <summary>Best first by the index's own scores, equal scores by photo id.</summary>
    public static void InOrder(IReadOnlyList<VectorHit> hits) =>
        Assert.All(hits.Zip(hits.Skip(1)), pair => Assert.True(
            pair.First.Score > pair.Second.Score || (pair.First.Score == pair.Second.Score && pair.First.PhotoId < pair.Second.PhotoId),
            $"{pair.First} comes before {pair.Second}"));
}
