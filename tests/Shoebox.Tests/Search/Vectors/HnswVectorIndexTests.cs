using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

/// <summary>
/// What only the graph does, at its default ef: recall, building, deleted nodes. What every index does is in
/// <see cref="VectorIndexContractTests"/>.
/// </summary>
[Tier(Tier.Unit)]
public class HnswVectorIndexTests
{
    private const int Dimensions = 32;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static (HnswVectorIndex Index, Dictionary<long, float[]> Vectors) Built(int count = 3000, int seed = 1, HnswOptions? options = null)
    {
        var (ids, rows) = ClusteredVectors.Many(new Random(seed), count, Dimensions);
        return (HnswVectorIndex.Build(Model, ids, rows, options), ClusteredVectors.AsDictionary(ids, rows, Dimensions));
    }

    private static float[] QueryNear(Random random, Dictionary<long, float[]> vectors) =>
        ClusteredVectors.Near(random, vectors.ElementAt(random.Next(vectors.Count)).Value, 0.3f);

    private static double Recall(List<(long Id, double Score)> truth, IReadOnlyList<VectorHit> found) =>
        (double)truth.Select(hit => hit.Id).Intersect(found.Select(hit => hit.PhotoId)).Count() / truth.Count;

    [Fact]
    public void Search_ClusteredData_RecallAtLeast95Percent()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var random = new Random(2);

            var recall = Enumerable.Range(0, 50).Select(_ => QueryNear(random, vectors))
                .Average(query => Recall(RandomVectors.BruteForce(vectors, query, 10), index.Search(query, 10)));

            Assert.InRange(recall, 0.95, 1);
        }
    }

    [Fact]
    public void Upsert_NewVectorAfterBuild_LinkedWhereTheDefaultSearchFindsItFirst()
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
    public void Upsert_ExistingIdReplaced_FoundOnlyAtItsNewPlaceAndOldNodeCountedDeleted()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var (id, old) = vectors.First();
            var replacement = RandomVectors.Unit(new Random(5), Dimensions).Select(v => -v).ToArray();

            index.Upsert(id, replacement);

            Assert.Equal(vectors.Count, index.Count);
            Assert.Equal(1, index.DeletedCount);
            Assert.Equal(id, index.Search(replacement, 1).Single().PhotoId);
            Assert.DoesNotContain(index.Search(old, 20), hit => hit.PhotoId == id && hit.Score > 0.99f);
        }
    }

    [Fact]
    public void Remove_AfterBuild_NeverReturnedAndCountedDeleted()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var removed = vectors.Keys.Take(300).ToList();

            Assert.All(removed, id => Assert.True(index.Remove(id)));

            Assert.Equal(vectors.Count - 300, index.Count);
            Assert.Equal(300, index.DeletedCount);
            foreach (var id in removed.Take(20))
            {
                Assert.DoesNotContain(index.Search(vectors[id], 10), hit => removed.Contains(hit.PhotoId));
            }
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

            VectorAssert.MatchesBruteForce(vectors, query, 10, filter, index.Search(query, 10, filter));
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

            Assert.All(results.SelectMany(hits => hits), hit => Assert.True(filter(hit.PhotoId)));
            Assert.InRange(queries.Zip(results, (query, hits) => Recall(RandomVectors.BruteForce(vectors, query, 10, filter), hits)).Average(), 0.95, 1);
        }
    }

    [Fact]
    public void Search_KLargerThanCountAtTheDefaultEf_ReturnsEveryVectorBestFirst()
    {
        var (index, vectors) = Built(count: 200);
        using (index)
        {
            var query = QueryNear(new Random(8), vectors);

            VectorAssert.MatchesBruteForce(vectors, query, 500, null, index.Search(query, 500));
        }
    }

    [Fact]
    public void Build_SameVectorsAndSeedTwice_SameAnswersWhateverTheThreads()
    {
        var (first, vectors) = Built(count: 1000, options: new HnswOptions { BuildThreads = 1 });
        var (second, _) = Built(count: 1000, options: new HnswOptions { BuildThreads = 4 });
        using (first)
        using (second)
        {
            var random = new Random(11);
            for (var i = 0; i < 20; i++)
            {
                var query = QueryNear(random, vectors);
                Assert.Equal(first.Search(query, 10, null, ef: 10), second.Search(query, 10, null, ef: 10));
            }
        }
    }

    [Fact]
    public void Build_DuplicateId_ThrowsArgumentException()
    {
        var rows = RandomVectors.Unit(new Random(12), Dimensions).Concat(RandomVectors.Unit(new Random(13), Dimensions)).ToArray();

        Assert.Throws<ArgumentException>(() => HnswVectorIndex.Build(Model, new long[] { 4, 4 }, rows));
    }

    [Fact]
    public void Build_NaN_ThrowsArgumentException()
    {
        var rows = RandomVectors.Unit(new Random(14), Dimensions);
        rows[3] = float.NaN;

        Assert.Throws<ArgumentException>(() => HnswVectorIndex.Build(Model, new long[] { 1 }, rows));
    }

    [Fact]
    public void Load_AfterSave_KeepsDeletedNodesAndEf()
    {
        using var temp = new TempFolder();
        var (original, _) = Built(count: 600, options: new HnswOptions { M = 6, EfSearch = 12 });
        using (original)
        {
            original.Remove(3);
            original.Upsert(-1, RandomVectors.Unit(new Random(2), Dimensions));
            original.Save(temp["vectors.sbvx"]);

            using var loaded = HnswVectorIndex.Load(temp["vectors.sbvx"], Model);

            Assert.Equal(1, loaded.DeletedCount);
            Assert.Equal(12, loaded.EfSearch);
            var random = new Random(3);
            for (var i = 0; i < 5; i++)
            {
                // The same graph walked the same way on the same machine: equal to the last bit.
                var query = RandomVectors.Unit(random, Dimensions);
                Assert.Equal(original.Search(query, 20), loaded.Search(query, 20));
            }
        }
    }
}
