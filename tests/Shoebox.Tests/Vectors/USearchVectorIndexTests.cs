using Shoebox.Core;
using Shoebox.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Vectors;

/// <summary>
/// What only the graph does, at its default ef: recall, building, removed nodes, filters, its file. What every index
/// does is in <see cref="VectorIndexContractTests"/>.
/// </summary>
[Tier(Tier.Unit)]
public class USearchVectorIndexTests
{
    private const int Dimensions = 32;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static (USearchVectorIndex Index, Dictionary<long, float[]> Vectors) Built(int count = 3000, int seed = 1, GraphOptions? options = null)
    {
        var (ids, rows) = ClusteredVectors.Many(new Random(seed), count, Dimensions);
        return (USearchVectorIndex.Build(Model, ids, rows, options), ClusteredVectors.AsDictionary(ids, rows, Dimensions));
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
            Assert.Equal(RandomVectors.SelfScore(query), best.Score, 1e-5f);
        }
    }

    [Fact]
    public void Upsert_ExistingIdReplaced_FoundOnlyAtItsNewPlace()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var (id, old) = vectors.First();
            var replacement = RandomVectors.Unit(new Random(5), Dimensions).Select(v => -v).ToArray();

            index.Upsert(id, replacement);

            Assert.Equal(vectors.Count, index.Count);
            Assert.Equal(id, index.Search(replacement, 1).Single().PhotoId);
            Assert.DoesNotContain(index.Search(old, 20), hit => hit.PhotoId == id && hit.Score > 0.99f);
        }
    }

    [Fact]
    public void Remove_AfterBuild_NeverReturned()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var removed = vectors.Keys.Take(300).ToList();

            Assert.All(removed, id => Assert.True(index.Remove(id)));

            Assert.Equal(vectors.Count - 300, index.Count);
            foreach (var id in removed.Take(20))
            {
                Assert.DoesNotContain(index.Search(vectors[id], 10), hit => removed.Contains(hit.PhotoId));
            }
        }
    }

    [Fact]
    public void Search_SelectiveFilter_OnlyAcceptedAndRecallHolds()
    {
        var (index, vectors) = Built();
        using (index)
        {
            var random = new Random(6);
            Func<long, bool> filter = id => id % 100 == 3;
            var queries = Enumerable.Range(0, 20).Select(_ => QueryNear(random, vectors)).ToList();

            var results = queries.Select(query => index.Search(query, 10, filter)).ToList();

            Assert.All(results.SelectMany(hits => hits), hit => Assert.True(filter(hit.PhotoId)));
            Assert.InRange(queries.Zip(results, (query, hits) => Recall(RandomVectors.BruteForce(vectors, query, 10, filter), hits)).Average(), 0.9, 1);
        }
    }

    [Fact]
    public void Search_FilterThrows_TheFilterExceptionReachesTheCallerAndTheIndexStillSearches()
    {
        var (index, vectors) = Built(count: 500);
        using (index)
        {
            var query = QueryNear(new Random(9), vectors);

            var error = Assert.Throws<InvalidDataException>(() => index.Search(query, 10, _ => throw new InvalidDataException("bad filter")));

            Assert.Equal("bad filter", error.Message);
            VectorAssert.MatchesBruteForce(vectors, query, 10, null, index.Search(query, 10, null, ef: 500));
        }
    }

    [Fact]
    public async Task Search_ManyMoreConcurrentSearchesThanThreadContexts_AllAnswered()
    {
        var (index, vectors) = Built(count: 1000);
        using (index)
        {
            var query = QueryNear(new Random(10), vectors);
            var expected = index.Search(query, 10);

            var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => index.Search(query, 10, id => id % 2 == 1 || id % 2 == 0))));

            Assert.All(answers, hits => Assert.Equal(expected, hits));
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
    public void Build_OneThreadOrFour_SameRecall()
    {
        var (first, vectors) = Built(count: 2000, options: new GraphOptions { BuildThreads = 1 });
        var (second, _) = Built(count: 2000, options: new GraphOptions { BuildThreads = 4 });
        using (first)
        using (second)
        {
            var random = new Random(11);
            var queries = Enumerable.Range(0, 30).Select(_ => QueryNear(random, vectors)).ToList();

            foreach (var index in new[] { first, second })
            {
                Assert.InRange(queries.Average(query => Recall(RandomVectors.BruteForce(vectors, query, 10), index.Search(query, 10))), 0.95, 1);
            }
        }
    }

    [Fact]
    public void Build_DuplicateId_ThrowsArgumentException()
    {
        var rows = RandomVectors.Unit(new Random(12), Dimensions).Concat(RandomVectors.Unit(new Random(13), Dimensions)).ToArray();

        Assert.Throws<ArgumentException>(() => USearchVectorIndex.Build(Model, new long[] { 4, 4 }, rows));
    }

    [Fact]
    public void Build_NaN_ThrowsArgumentException()
    {
        var rows = RandomVectors.Unit(new Random(14), Dimensions);
        rows[3] = float.NaN;

        Assert.Throws<ArgumentException>(() => USearchVectorIndex.Build(Model, new long[] { 1 }, rows));
    }

    [Fact]
    public void Load_AfterSave_KeepsRemovalsAndSettings()
    {
        using var temp = new TempFolder();
        var (original, vectors) = Built(count: 600, options: new GraphOptions { Connectivity = 6, ExpansionAdd = 40, ExpansionSearch = 12 });
        using (original)
        {
            var removed = vectors.Keys.First();
            original.Remove(removed);
            original.Upsert(-1, RandomVectors.Unit(new Random(2), Dimensions));
            original.Save(temp["vectors.sbvx"]);

            using var loaded = USearchVectorIndex.Load(temp["vectors.sbvx"], Model);

            Assert.Equal(12, loaded.EfSearch);
            Assert.Equal(original.Options, loaded.Options);
            Assert.DoesNotContain(removed, loaded.PhotoIds());
            var random = new Random(3);
            for (var i = 0; i < 5; i++)
            {
                // The same graph walked the same way on the same machine: equal to the last bit.
                var query = RandomVectors.Unit(random, Dimensions);
                Assert.Equal(original.Search(query, 20), loaded.Search(query, 20));
            }
        }
    }

    [Fact]
    public void Load_SoundFileWhoseGraphLacksAListedPhoto_CorruptNotTrusted()
    {
        using var temp = new TempFolder();
        using (var index = Built(count: 50).Index)
        {
            index.Save(temp["vectors.sbvx"]);
        }
        var bytes = File.ReadAllBytes(temp["vectors.sbvx"]);
        // The first listed photo id, after the header (magic, version, key, dimensions, count) and three settings.
        var firstId = 4 + 4 + 1 + System.Text.Encoding.UTF8.GetByteCount(Model.Key) + 4 + 4 + 12;
        BitConverter.TryWriteBytes(bytes.AsSpan(firstId, 8), -7L);
        // Checksummed again like any saved file: only the listed photo that the graph does not hold gives it away.
        System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        File.WriteAllBytes(temp["lying.sbvx"], bytes);

        var error = Assert.Throws<VectorIndexStaleException>(() => USearchVectorIndex.Load(temp["lying.sbvx"], Model));

        Assert.Equal(VectorIndexStaleReason.Corrupt, error.Reason);
        Assert.Contains("-7", error.Message);
    }
}
