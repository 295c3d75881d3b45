using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Tests.Search.Vectors;

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

            Assert.False(index.Remove(removed[0]));
            Assert.Equal(vectors.Count - 300, index.Count);
            Assert.Equal(300, index.DeletedCount);
            Assert.DoesNotContain(removed[0], index.PhotoIds());
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

            Assert.All(results.SelectMany(hits => hits), hit => Assert.True(filter(hit.PhotoId)));
            Assert.InRange(queries.Zip(results, (query, hits) => Recall(RandomVectors.BruteForce(vectors, query, 10, filter), hits)).Average(), 0.95, 1);
        }
    }

    [Fact]
    public void Search_KLargerThanCount_ReturnsEveryVectorBestFirst()
    {
        var (index, vectors) = Built(count: 200);
        using (index)
        {
            var query = QueryNear(new Random(8), vectors);

            var hits = index.Search(query, 500);

            Assert.Equal(RandomVectors.BruteForce(vectors, query, 500).Select(hit => hit.Id), hits.Select(hit => hit.PhotoId));
        }
    }

    [Fact]
    public void Build_Empty_SearchesNothingThenAcceptsUpserts()
    {
        using var index = HnswVectorIndex.Build(Model, Array.Empty<long>(), Array.Empty<float>());
        var vector = RandomVectors.Unit(new Random(9), Dimensions);

        Assert.Empty(index.Search(vector, 5));
        index.Upsert(1, vector);
        index.Upsert(2, RandomVectors.Unit(new Random(10), Dimensions));

        Assert.Equal([1L, 2L], index.Search(vector, 5).Select(hit => hit.PhotoId));
    }

    [Fact]
    public void Build_SameVectorsAndSeedTwice_SameAnswersWhateverTheThreads()
    {
        var (first, vectors) = Built(options: new HnswOptions { BuildThreads = 1 });
        var (second, _) = Built(options: new HnswOptions { BuildThreads = 4 });
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
    public async Task Search_ConcurrentWithUpserts_EveryResultFromTheIndex()
    {
        var (index, vectors) = Built(count: 1000);
        using (index)
        {
            var writer = Task.Run(() =>
            {
                var random = new Random(15);
                for (var i = 0; i < 200; i++)
                {
                    index.Upsert(-i - 1, RandomVectors.Unit(random, Dimensions));
                }
            });
            var random = new Random(16);
            while (!writer.IsCompleted)
            {
                Assert.Equal(10, index.Search(QueryNear(random, vectors), 10).Count);
            }
            await writer;

            Assert.Equal(1200, index.Count);
        }
    }
}
