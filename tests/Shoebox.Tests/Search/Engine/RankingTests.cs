using Shoebox.Search.Engine;
using Shoebox.Vectors;

namespace Shoebox.Tests.Search.Engine;

[Tier(Tier.Unit)]
public class RankingTests
{
    private static RankedPhoto Vector(long id) => new(id, 0.3, ["vector"]);

    private static RankedPhoto Text(long id) => new(id, 5, ["text"]);

    [Fact]
    public void Fuse_PhotoNearTheTopOfBothLists_BeatsTheTopOfOne()
    {
        var fused = Ranking.Fuse([Vector(1), Vector(2), Vector(3)], [Text(4), Text(2)]);

        Assert.Equal([2L, 4, 1, 3], fused.Select(p => p.Id));
        Assert.Equal(["vector", "text"], fused[0].MatchedBy);
        Assert.Equal(1.0 / 62 + 1.0 / 62, fused[0].Score, 12);
    }

    [Fact]
    public void Fuse_TieBetweenListTops_PutsTheWordMatchFirst()
    {
        var fused = Ranking.Fuse([Vector(1)], [Text(9)]);

        Assert.Equal([9L, 1], fused.Select(p => p.Id));
    }

    [Fact]
    public void CutOff_KeepsTheGroupWithinTheMarginOfTheBest()
    {
        VectorHit[] hits = [new(1, 0.31f), new(2, 0.29f), new(3, 0.22f), new(4, 0.20f), new(5, 0.05f)];

        Assert.Equal([1L, 2, 3], Ranking.CutOff(hits, 0.10f).Select(h => h.PhotoId));
        Assert.Empty(Ranking.CutOff([], 0.10f));
    }

    [Fact]
    public void Combine_UnwantedDirection_LowersPhotosAboutIt()
    {
        float[] beach = [1, 0, 0];
        float[] people = [0.6f, 0.8f, 0];
        float[] beachPhoto = [0.9f, 0, 0.436f];
        float[] crowdedBeach = [0.7f, 0.7f, 0.14f];

        var plain = QueryVector.Combine([beach], [])!;
        var query = QueryVector.Combine([beach], [people])!;
        float Score(float[] q, float[] photo) => q.Zip(photo).Sum(p => p.First * p.Second);

        var gapBefore = Score(plain, beachPhoto) - Score(plain, crowdedBeach);
        var gapAfter = Score(query, beachPhoto) - Score(query, crowdedBeach);

        Assert.True(gapAfter > gapBefore + 0.2f, $"{gapBefore} -> {gapAfter}");
        Assert.Equal(1.0, Math.Sqrt(query.Sum(v => (double)v * v)), 5);
        Assert.Null(QueryVector.Combine([], [people]));
    }
}
