using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Tests.Search.Vectors;

public class ExactVectorIndexTests
{
    private const int Dimensions = 32;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static ExactVectorIndex IndexOf(IReadOnlyDictionary<long, float[]> vectors)
    {
        var index = new ExactVectorIndex(Model);
        foreach (var (id, vector) in vectors)
        {
            index.Upsert(id, vector);
        }
        return index;
    }

    private static void AssertMatches(List<(long Id, double Score)> expected, IReadOnlyList<VectorHit> actual)
    {
        Assert.Equal(expected.Select(hit => hit.Id), actual.Select(hit => hit.PhotoId));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-5));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(10, false)]
    [InlineData(100, false)]
    [InlineData(5000, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(100, true)]
    [InlineData(5000, true)]
    public void Search_RandomData_MatchesBruteForce(int k, bool filtered)
    {
        var random = new Random(k * 2 + (filtered ? 1 : 0));
        var vectors = RandomVectors.Many(random, 2000, Dimensions);
        using var index = IndexOf(vectors);
        Func<long, bool>? filter = filtered ? id => id % 3 == 0 : null;

        for (var i = 0; i < 5; i++)
        {
            var query = RandomVectors.Unit(random, Dimensions);
            AssertMatches(RandomVectors.BruteForce(vectors, query, k, filter), index.Search(query, k, filter));
        }
    }

    [Fact]
    public void Search_Empty_ReturnsNothing()
    {
        using var index = new ExactVectorIndex(Model);

        Assert.Empty(index.Search(RandomVectors.Unit(new Random(1), Dimensions), 10));
    }

    [Fact]
    public void Search_FilterRejectsAll_ReturnsNothingAndScoresNothing()
    {
        using var index = IndexOf(RandomVectors.Many(new Random(2), 50, Dimensions));
        var calls = 0;

        var hits = index.Search(RandomVectors.Unit(new Random(3), Dimensions), 10, _ => { calls++; return false; });

        Assert.Empty(hits);
        Assert.Equal(50, calls);
    }

    [Fact]
    public void Upsert_ExistingId_ReplacesVector()
    {
        var random = new Random(4);
        var vectors = RandomVectors.Many(random, 100, Dimensions);
        using var index = IndexOf(vectors);
        var query = RandomVectors.Unit(random, Dimensions);
        var id = vectors.Keys.First();

        index.Upsert(id, query);
        vectors[id] = query;

        Assert.Equal(100, index.Count);
        var best = index.Search(query, 1).Single();
        Assert.Equal(id, best.PhotoId);
        Assert.Equal(1f, best.Score, 1e-5f);
        AssertMatches(RandomVectors.BruteForce(vectors, query, 20), index.Search(query, 20));
    }

    [Fact]
    public void Upsert_CallerChangesArrayAfterwards_IndexKeepsItsCopy()
    {
        var vector = RandomVectors.Unit(new Random(5), Dimensions);
        using var index = new ExactVectorIndex(Model);
        index.Upsert(7, vector);

        var query = (float[])vector.Clone();
        Array.Clear(vector);

        Assert.Equal(1f, index.Search(query, 1).Single().Score, 1e-5f);
    }

    [Fact]
    public void Remove_ManyIncludingLastRow_RemovedNeverReturnedAndRestUnchanged()
    {
        var random = new Random(6);
        var vectors = RandomVectors.Many(random, 300, Dimensions);
        using var index = IndexOf(vectors);
        var removed = vectors.Keys.Where((_, i) => i % 4 == 0 || i == vectors.Count - 1).ToList();

        foreach (var id in removed)
        {
            Assert.True(index.Remove(id));
            Assert.False(index.Remove(id));
            vectors.Remove(id);
        }

        Assert.Equal(vectors.Count, index.Count);
        foreach (var id in removed)
        {
            var hits = index.Search(RandomVectors.Unit(random, Dimensions), 1000);
            Assert.DoesNotContain(hits, hit => hit.PhotoId == id);
        }
        var query = RandomVectors.Unit(random, Dimensions);
        AssertMatches(RandomVectors.BruteForce(vectors, query, 1000), index.Search(query, 1000));
    }

    [Fact]
    public void Remove_Unknown_ReturnsFalse()
    {
        using var index = IndexOf(RandomVectors.Many(new Random(7), 3, Dimensions));

        Assert.False(index.Remove(-1));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Search_EqualScores_OrderedByPhotoIdWhateverTheInsertOrder()
    {
        var vector = RandomVectors.Unit(new Random(8), Dimensions);
        using var index = new ExactVectorIndex(Model);
        foreach (var id in new long[] { 50, 3, 42, 7, 19, 1, 88 })
        {
            index.Upsert(id, vector);
        }
        index.Remove(1);

        var hits = index.Search(vector, 4);

        Assert.Equal([3L, 7L, 19L, 42L], hits.Select(hit => hit.PhotoId));
    }

    [Fact]
    public void Upsert_WrongDimensions_ThrowsArgumentException()
    {
        using var index = new ExactVectorIndex(Model);

        Assert.Throws<ArgumentException>(() => index.Upsert(1, new float[Dimensions + 1]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Search_WrongDimensions_ThrowsArgumentException()
    {
        using var index = IndexOf(RandomVectors.Many(new Random(9), 3, Dimensions));

        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimensions - 1], 3));
    }

    [Fact]
    public void Upsert_NaN_ThrowsArgumentException()
    {
        using var index = new ExactVectorIndex(Model);
        var vector = RandomVectors.Unit(new Random(10), Dimensions);
        vector[5] = float.NaN;

        Assert.Throws<ArgumentException>(() => index.Upsert(1, vector));
    }

    [Fact]
    public void Search_KBelowOne_Throws()
    {
        using var index = new ExactVectorIndex(Model);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[Dimensions], 0));
    }

    [Fact]
    public void Upsert_PastInitialCapacity_KeepsEveryVector()
    {
        var random = new Random(11);
        var vectors = RandomVectors.Many(random, 1000, Dimensions);

        using var index = IndexOf(vectors);

        Assert.Equal(1000, index.Count);
        var query = RandomVectors.Unit(random, Dimensions);
        AssertMatches(RandomVectors.BruteForce(vectors, query, 1000), index.Search(query, 1000));
    }

    [Fact]
    public async Task Search_ConcurrentWithUpsertsAndRemovals_NeverThrowsNorReturnsRemoved()
    {
        var random = new Random(12);
        var stable = RandomVectors.Many(random, 500, Dimensions);
        using var index = IndexOf(stable);
        var churn = Enumerable.Range(0, 50).Select(i => (Id: -1L - i, Vector: RandomVectors.Unit(random, Dimensions))).ToList();
        var queries = Enumerable.Range(0, 8).Select(_ => RandomVectors.Unit(random, Dimensions)).ToList();
        using var writing = new CancellationTokenSource();

        var searchers = queries.Select(query => Task.Run(() =>
        {
            var searches = 0;
            while (!writing.IsCancellationRequested || searches == 0)
            {
                var hits = index.Search(query, 600);
                Assert.All(hits, hit => Assert.True(stable.ContainsKey(hit.PhotoId) || hit.PhotoId < 0));
                Assert.True(hits.Count >= stable.Count);
                searches++;
            }
        })).ToList();
        var writer = Task.Run(() =>
        {
            try
            {
                for (var round = 0; round < 20; round++)
                {
                    churn.ForEach(item => index.Upsert(item.Id, item.Vector));
                    churn.ForEach(item => Assert.True(index.Remove(item.Id)));
                }
            }
            finally
            {
                writing.Cancel();
            }
        });

        await Task.WhenAll(searchers.Append(writer));

        Assert.Equal(stable.Count, index.Count);
        var query = queries[0];
        AssertMatches(RandomVectors.BruteForce(stable, query, 10), index.Search(query, 10));
    }
}
