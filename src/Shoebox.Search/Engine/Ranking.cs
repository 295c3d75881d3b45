using Shoebox.Catalog;
using Shoebox.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>A photo in a ranked list before it is looked up: its score and which sources found it.</summary>
internal sealed record RankedPhoto(long Id, double Score, IReadOnlyList<string> MatchedBy);

/// <summary>Cutting and merging ranked lists.</summary>
internal static class Ranking
{
    /// <summary>
    /// Reciprocal-rank fusion's constant: large enough that being first in one list does not outweigh being near
    /// the top of both. 60 is the value the method was published with, and it works without tuning.
    /// </summary>
    public const int FusionConstant = 60;

    /// <summary>How far below the best similarity a text query's results may fall before they count as unrelated.</summary>
    public const float TextMargin = 0.10f;

    /// <summary>The same for an example image: image-to-image similarities spread wider than text-to-image ones.</summary>
    public const float ImageMargin = 0.30f;

    /// <summary>
    /// Keeps the hits within <paramref name="margin"/> of the best one. Scores mean different things for different
    /// queries (a strong text match may score 0.3, a near-duplicate 0.95), so the cut follows the best hit rather
    /// than a fixed number: what remains is the group that matches about as well as anything does.
    /// </summary>
    public static List<VectorHit> CutOff(IReadOnlyList<VectorHit> hits, float margin)
    {
        if (hits.Count == 0)
        {
            return [];
        }
        var floor = hits[0].Score - margin;
        return [.. hits.TakeWhile(h => h.Score >= floor)];
    }

    public static List<RankedPhoto> FromVectors(IEnumerable<VectorHit> hits) =>
        [.. hits.Select(h => new RankedPhoto(h.PhotoId, h.Score, ["vector"]))];

    public static List<RankedPhoto> FromText(IEnumerable<TextMatch> matches) =>
        [.. matches.Select(m => new RankedPhoto(m.PhotoId, m.Score, ["text"]))];

    /// <summary>Reciprocal-rank fusion: each photo scores the sum of 1 / (constant + rank) over the lists that hold it.</summary>
    public static List<RankedPhoto> Fuse(IReadOnlyList<RankedPhoto> vector, IReadOnlyList<RankedPhoto> text)
    {
        var fused = new Dictionary<long, RankedPhoto>();
        void Add(IReadOnlyList<RankedPhoto> list, string source)
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                var id = list[rank].Id;
                var share = 1.0 / (FusionConstant + rank + 1);
                fused[id] = fused.TryGetValue(id, out var seen)
                    ? seen with { Score = seen.Score + share, MatchedBy = [.. seen.MatchedBy, source] }
                    : new RankedPhoto(id, share, [source]);
            }
        }
        Add(vector, "vector");
        Add(text, "text");
        // On a tie a word match goes first: a photo named for the query is the least surprising top result.
        return [.. fused.Values.OrderByDescending(p => p.Score).ThenByDescending(p => p.MatchedBy.Contains("text")).ThenBy(p => p.Id)];
    }
}
