using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Tests.Search.Vectors;

public class IvfVectorIndexTests
{
    private const int Dimensions = 32;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static (IvfVectorIndex Index, Dictionary<long, float[]> Vectors) Built(int count = 3000, int seed = 1, IvfOptions? options = null)
    {
        var (ids, rows) = ClusteredVectors.Many(new Random(seed), count, Dimensions);
        return (IvfVectorIndex.Build(Model, ids, rows, options), ClusteredVectors.AsDictionary(ids, rows, Dimensions));
    }

    private static float[] QueryNear(Random random, Dictionary<long, float[]> vectors) =>
        ClusteredVectors.Near(random, vectors.ElementAt(random.Next(vectors.Count)).Value, 0.3f);

    private static double Recall(List<(long Id, double Score)> truth, IReadOnlyList<VectorHit> found) =>
        (double)truth.Select(hit => hit.Id).Intersect(found.Select(hit => hit.PhotoId)).Count() / truth.Count;

    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    public void Search_ClusteredData_RecallAtLeast95Percent(int lists)
    {
        var (index, vectors) = Built(options: new IvfOptions { Lists = lists });
        using (index)
        {
            var random = new Random(2);

            var recall = Enumerable.Range(0, 50).Select(_ => QueryNear(random, vectors))
                .Average(query => Recall(RandomVectors.BruteForce(vectors, query, 10), index.Search(query, 10)));

            Assert.InRange(recall, 0.95, 1);
            Assert.InRange(index.ListCount, (lists > 0 ? lists : 219) - 10, (lists > 0 ? lists : 219) + 10);
        }
    }

    [Fact]
    public void Search_EveryListProbed_SameAsExact()
    {
        var (index, vectors) = Built(count: 1000);
        using (index)
        {
            var query = QueryNear(new Random(3), vectors);

            var hits = index.Search(query, 50, null, probes: index.ListCount);

            Assert.Equal(RandomVectors.BruteForce(vectors, query, 50).Select(hit => hit.Id), hits.Select(hit => hit.PhotoId));
        }
    }

    [Fact]
    public void Upsert_NewVectorAfterBuild_FoundFirst()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var query = QueryNear(new Random(4), vectors);

            index.Upsert(-5, query);

            Assert.Equal(vectors.Count + 1, index.Count);
            var best = index.Search(query, 1).Single();
            Assert.Equal(-5, best.PhotoId);
            Assert.Equal(1f, best.Score, 1e-5f);
        }
    }

    [Fact]
    public void Upsert_ExistingIdMovedElsewhere_FoundOnlyAtItsNewPlace()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var (id, old) = vectors.First();
            var replacement = RandomVectors.Unit(new Random(5), Dimensions).Select(v => -v).ToArray();

            index.Upsert(id, replacement);

            Assert.Equal(vectors.Count, index.Count);
            Assert.Equal(id, index.Search(replacement, 1).Single().PhotoId);
            Assert.DoesNotContain(index.Search(old, 10, null, index.ListCount), hit => hit.PhotoId == id && hit.Score > 0.999f);
        }
    }

    [Fact]
    public void Remove_AfterBuild_NeverReturned()
    {
        var (index, vectors) = Built(count: 500);
        using (index)
        {
            var removed = vectors.Keys.Where((_, i) => i % 3 == 0).ToList();

            removed.ForEach(id => Assert.True(index.Remove(id)));

            Assert.False(index.Remove(removed[0]));
            Assert.Equal(vectors.Count - removed.Count, index.Count);
            var everything = index.Search(vectors[removed[0]], 1000, null, index.ListCount);
            Assert.Equal(index.Count, everything.Count);
            Assert.Empty(everything.Select(hit => hit.PhotoId).Intersect(removed));
        }
    }

    [Fact]
    public void Search_SelectiveFilter_ExactAnswerOverTheFilteredSet()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var query = QueryNear(new Random(6), vectors);
            Func<long, bool> filter = id => id % 100 == 3;

            var hits = index.Search(query, 10, filter);

            Assert.Equal(RandomVectors.BruteForce(vectors, query, 10, filter).Select(hit => hit.Id), hits.Select(hit => hit.PhotoId));
        }
    }

    [Fact]
    public void Search_HalfFiltered_OnlyAcceptedAndRecallHolds()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var random = new Random(7);
            Func<long, bool> filter = id => id % 2 == 0;
            var queries = Enumerable.Range(0, 30).Select(_ => QueryNear(random, vectors)).ToList();

            var results = queries.Select(query => index.Search(query, 10, filter)).ToList();

            Assert.All(results, hits => Assert.Equal(10, hits.Count));
            Assert.All(results.SelectMany(hits => hits), hit => Assert.True(filter(hit.PhotoId)));
            Assert.InRange(queries.Zip(results, (query, hits) => Recall(RandomVectors.BruteForce(vectors, query, 10, filter), hits)).Average(), 0.95, 1);
        }
    }

    [Fact]
    public void Search_KLargerThanProbedLists_StillReturnsK()
    {
        var (index, vectors) = Built(count: 1000);
        using (index)
        {
            Assert.Equal(600, index.Search(QueryNear(new Random(8), vectors), 600, null, probes: 1).Count);
        }
    }

    [Fact]
    public void Build_Empty_UpsertsThenSearches()
    {
        using var index = IvfVectorIndex.Build(Model, Array.Empty<long>(), Array.Empty<float>());
        var random = new Random(9);
        var vectors = RandomVectors.Many(random, 20, Dimensions);

        Assert.Empty(index.Search(RandomVectors.Unit(random, Dimensions), 5));
        foreach (var (id, vector) in vectors)
        {
            index.Upsert(id, vector);
        }

        var query = RandomVectors.Unit(random, Dimensions);
        Assert.Equal(1, index.ListCount);
        Assert.Equal(RandomVectors.BruteForce(vectors, query, 5).Select(hit => hit.Id), index.Search(query, 5).Select(hit => hit.PhotoId));
    }

    [Fact]
    public void Build_SameVectorsTwice_SameLists()
    {
        var (first, vectors) = Built(count: 2000, options: new IvfOptions { Lists = 300 });
        var (second, _) = Built(count: 2000, options: new IvfOptions { Lists = 300 });
        using (first)
        using (second)
        {
            var random = new Random(10);
            for (var i = 0; i < 10; i++)
            {
                var query = QueryNear(random, vectors);
                Assert.Equal(first.Search(query, 20, null, probes: 2), second.Search(query, 20, null, probes: 2));
            }
        }
    }

    [Fact]
    public void Build_DuplicateId_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => IvfVectorIndex.Build(Model, new long[] { 1, 1 }, new float[2 * Dimensions]));
    }

    [Fact]
    public void Build_NaN_ThrowsArgumentException()
    {
        var rows = new float[Dimensions];
        rows[3] = float.NaN;

        Assert.Throws<ArgumentException>(() => IvfVectorIndex.Build(Model, new long[] { 1 }, rows));
    }

    [Theory]
    [InlineData(100, typeof(ExactVectorIndex))]
    [InlineData(VectorIndexChoice.ExactUpTo + 1, typeof(HnswVectorIndex))]
    public void VectorIndexChoice_Build_ExactWhenSmallHnswWhenLarge(int count, Type expected)
    {
        const int dimensions = 4;
        var random = new Random(11);
        var ids = Enumerable.Range(1, count).Select(id => (long)id).ToArray();
        var rows = Enumerable.Range(0, count).SelectMany(_ => RandomVectors.Unit(random, dimensions)).ToArray();

        using var index = VectorIndexChoice.Build(new ModelIdentity("tiny", "1", dimensions), ids, rows);

        Assert.IsType(expected, index);
        Assert.Equal(count, index.Count);
    }
}
