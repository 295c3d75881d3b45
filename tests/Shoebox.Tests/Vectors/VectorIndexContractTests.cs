using Shoebox.Core;
using Shoebox.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Vectors;

/// <summary>
/// What every <see cref="IVectorIndex"/> must do, searching, changing and saving, the same for each kind (see the
/// classes at the end); what only one kind does is tested in that kind's own class.
/// </summary>
public abstract class VectorIndexContractTests
{
    protected const int Dimensions = 32;

    protected static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    /// <summary>An index of this kind holding <paramref name="ids"/> and their rows (row i is rows[i·d ..][..d]).</summary>
    protected abstract IVectorIndex Build(long[] ids, float[] rows);

    protected abstract IVectorIndex Load(string path, ModelIdentity model);

    private IVectorIndex Build(Dictionary<long, float[]> vectors) => Build([.. vectors.Keys], [.. vectors.Values.SelectMany(row => row)]);

    private (IVectorIndex Index, Dictionary<long, float[]> Vectors) Filled(int count, int seed)
    {
        var vectors = RandomVectors.Many(new Random(seed), count, Dimensions);
        return (Build(vectors), vectors);
    }

    private string Saved(TempFolder temp, int count = 300, int seed = 1)
    {
        var path = temp["vectors.sbvx"];
        using var index = Filled(count, seed).Index;
        index.Save(path);
        return path;
    }

    private VectorIndexStaleReason LoadFails(string path, ModelIdentity? model = null) =>
        Assert.Throws<VectorIndexStaleException>(() => Load(path, model ?? Model).Dispose()).Reason;

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
        var random = new Random((k * 2) + (filtered ? 1 : 0));
        var vectors = RandomVectors.Many(random, 1000, Dimensions);
        using var index = Build(vectors);
        Func<long, bool>? filter = filtered ? id => id % 3 == 0 : null;

        for (var i = 0; i < 5; i++)
        {
            var query = RandomVectors.Unit(random, Dimensions);
            VectorAssert.MatchesBruteForce(vectors, query, k, filter, index.Search(query, k, filter));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(500)]
    public void SearchAmong_SomeIdsAndUnknownOnes_MatchesBruteForceOverThoseHeld(int k)
    {
        var random = new Random(k);
        var (index, vectors) = Filled(400, seed: k);
        using (index)
        {
            var among = vectors.Keys.Where((_, i) => i % 7 == 0).ToHashSet();
            var query = RandomVectors.Unit(random, Dimensions);

            var hits = index.SearchAmong(query, k, among.Append(-12345));

            VectorAssert.MatchesBruteForce(vectors, query, k, among.Contains, hits);
        }
    }

    [Fact]
    public void SearchAmong_KBelowOne_ThrowsArgumentOutOfRange()
    {
        using var index = Filled(3, seed: 4).Index;

        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchAmong(new float[Dimensions], 0, [1]));
    }

    [Fact]
    public void Search_EmptyIndex_ReturnsNothing()
    {
        using var index = Build([], []);

        Assert.Empty(index.Search(RandomVectors.Unit(new Random(1), Dimensions), 10));
        Assert.Empty(index.PhotoIds());
    }

    [Fact]
    public void Search_FilterRejectsAll_ReturnsNothing()
    {
        using var index = Filled(50, seed: 2).Index;

        Assert.Empty(index.Search(RandomVectors.Unit(new Random(3), Dimensions), 10, _ => false));
    }

    [Fact]
    public void Search_EqualScores_OrderedByPhotoIdWhateverTheInsertOrder()
    {
        var vector = RandomVectors.Unit(new Random(8), Dimensions);
        using var index = Build([], []);
        foreach (var id in new long[] { 50, 3, 42, 7, 19, 1, 88 })
        {
            index.Upsert(id, vector);
        }
        index.Remove(1);

        var hits = index.Search(vector, 4);

        Assert.Equal([3L, 7L, 19L, 42L], hits.Select(hit => hit.PhotoId));
    }

    [Fact]
    public void Search_KBelowOne_ThrowsArgumentOutOfRange()
    {
        using var index = Filled(3, seed: 4).Index;

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[Dimensions], 0));
    }

    [Fact]
    public void Search_WrongDimensions_ThrowsArgumentException()
    {
        using var index = Filled(3, seed: 9).Index;

        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimensions - 1], 3));
    }

    [Fact]
    public void Upsert_WrongDimensions_ThrowsArgumentExceptionAndAddsNothing()
    {
        using var index = Build([], []);

        Assert.Throws<ArgumentException>(() => index.Upsert(1, new float[Dimensions + 1]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Upsert_NaN_ThrowsArgumentException()
    {
        using var index = Build([], []);
        var vector = RandomVectors.Unit(new Random(10), Dimensions);
        vector[5] = float.NaN;

        Assert.Throws<ArgumentException>(() => index.Upsert(1, vector));
        Assert.Equal(0, index.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Upsert_NewOrExistingId_HeldOnceAndFoundFirst(bool existing)
    {
        var (index, vectors) = Filled(300, seed: 5);
        using (index)
        {
            var query = RandomVectors.Unit(new Random(6), Dimensions);
            var id = existing ? vectors.Keys.First() : -5;

            index.Upsert(id, query);
            vectors[id] = query;

            Assert.Equal(vectors.Count, index.Count);
            var best = index.Search(query, 1).Single();
            Assert.Equal(id, best.PhotoId);
            Assert.Equal(RandomVectors.SelfScore(query), best.Score, 1e-5f);
            VectorAssert.MatchesBruteForce(vectors, query, 20, null, index.Search(query, 20));
        }
    }

    [Fact]
    public void Upsert_CallerChangesArrayAfterwards_IndexKeepsItsCopy()
    {
        var vector = RandomVectors.Unit(new Random(5), Dimensions);
        using var index = Build([], []);
        index.Upsert(7, vector);

        var query = (float[])vector.Clone();
        Array.Clear(vector);

        Assert.Equal(RandomVectors.SelfScore(query), index.Search(query, 1).Single().Score, 1e-5f);
    }

    [Fact]
    public void Upsert_OneByOneIntoAnEmptyIndex_KeepsEveryVector()
    {
        var random = new Random(11);
        var vectors = RandomVectors.Many(random, 500, Dimensions);
        using var index = Build([], []);

        foreach (var (id, vector) in vectors)
        {
            index.Upsert(id, vector);
        }

        Assert.Equal(500, index.Count);
        var query = RandomVectors.Unit(random, Dimensions);
        VectorAssert.MatchesBruteForce(vectors, query, 500, null, index.Search(query, 500));
    }

    [Fact]
    public void Remove_ManyIncludingTheLastAdded_RemovedNeverReturnedAndRestUnchanged()
    {
        var random = new Random(6);
        var (index, vectors) = Filled(300, seed: 12);
        using (index)
        {
            var removed = vectors.Keys.Where((_, i) => i % 4 == 0 || i == vectors.Count - 1).ToList();

            foreach (var id in removed)
            {
                Assert.True(index.Remove(id));
                Assert.False(index.Remove(id));
                vectors.Remove(id);
            }

            Assert.Equal(vectors.Count, index.Count);
            Assert.Equal(vectors.Keys.Order(), index.PhotoIds().Order());
            foreach (var id in removed.Take(20))
            {
                Assert.DoesNotContain(index.Search(RandomVectors.Unit(random, Dimensions), 1000), hit => hit.PhotoId == id);
            }
            var query = RandomVectors.Unit(random, Dimensions);
            VectorAssert.MatchesBruteForce(vectors, query, 1000, null, index.Search(query, 1000));
        }
    }

    [Fact]
    public void Remove_Unknown_ReturnsFalse()
    {
        using var index = Filled(3, seed: 7).Index;

        Assert.False(index.Remove(-1));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void PhotoIds_AfterUpsertsAndRemovals_EachHeldPhotoOnce()
    {
        var (index, vectors) = Filled(40, seed: 13);
        using (index)
        {
            var replaced = vectors.Keys.First();
            index.Upsert(replaced, RandomVectors.Unit(new Random(14), Dimensions));
            index.Upsert(-1, RandomVectors.Unit(new Random(15), Dimensions));
            index.Remove(vectors.Keys.Last());

            Assert.Equal(vectors.Keys.SkipLast(1).Append(-1).Order(), index.PhotoIds().Order());
        }
    }

    [Fact]
    public async Task Search_ConcurrentWithUpsertsAndRemovals_NeverThrowsNorReturnsRemoved()
    {
        var random = new Random(12);
        var (index, stable) = Filled(500, seed: 16);
        using var disposed = index;
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
        VectorAssert.MatchesBruteForce(stable, queries[0], 10, null, index.Search(queries[0], 10));
    }

    [Fact]
    public void Load_AfterSave_SameCountAndAnswers()
    {
        using var temp = new TempFolder();
        var (original, vectors) = Filled(300, seed: 17);
        using (original)
        {
            original.Remove(vectors.Keys.First());
            original.Upsert(-1, RandomVectors.Unit(new Random(18), Dimensions));
            original.Save(temp["vectors.sbvx"]);

            using var loaded = Load(temp["vectors.sbvx"], Model);

            Assert.Equal(original.Count, loaded.Count);
            Assert.Equal(original.PhotoIds().Order(), loaded.PhotoIds().Order());
            var random = new Random(2);
            for (var i = 0; i < 5; i++)
            {
                // The same rows scored the same way on the same machine: equal to the last bit, ties included.
                var query = RandomVectors.Unit(random, Dimensions);
                Assert.Equal(original.Search(query, 300), loaded.Search(query, 300));
            }
        }
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Load_EmptyIndex_RoundTripsAndAcceptsUpserts()
    {
        using var temp = new TempFolder();
        using (var empty = Build([], []))
        {
            empty.Save(temp["vectors.sbvx"]);
        }

        using var loaded = Load(temp["vectors.sbvx"], Model);
        Assert.Equal(0, loaded.Count);
        loaded.Upsert(5, RandomVectors.Unit(new Random(4), Dimensions));

        Assert.Equal(1, loaded.Count);
    }

    [Fact]
    public void Upsert_AfterLoad_GrowsAndSearches()
    {
        using var temp = new TempFolder();
        using var loaded = Load(Saved(temp, count: 10), Model);
        var query = RandomVectors.Unit(new Random(3), Dimensions);

        for (var id = -1; id >= -20; id--)
        {
            loaded.Upsert(id, RandomVectors.Unit(new Random(id), Dimensions));
        }
        loaded.Upsert(-100, query);

        Assert.Equal(31, loaded.Count);
        Assert.Equal(-100, loaded.Search(query, 1).Single().PhotoId);
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesIt()
    {
        using var temp = new TempFolder();
        var path = Saved(temp, count: 200);
        using (var smaller = Filled(5, seed: 9).Index)
        {
            smaller.Save(path);
        }

        using var loaded = Load(path, Model);

        Assert.Equal(5, loaded.Count);
    }

    [Fact]
    public void Save_FolderMissing_ThrowsAndLeavesNoFile()
    {
        using var temp = new TempFolder();
        using var index = Build([], []);

        Assert.Throws<DirectoryNotFoundException>(() => index.Save(temp["missing/vectors.sbvx"]));
        Assert.False(Directory.Exists(temp["missing"]));
    }

    [Fact]
    public void Load_MissingFile_Missing()
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.Missing, LoadFails(temp["none.sbvx"]));
        Assert.Equal(VectorIndexStaleReason.Missing, LoadFails(temp["no-folder/none.sbvx"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Load_Truncated_Corrupt(int bytesCut)
    {
        using var temp = new TempFolder();
        var path = Saved(temp);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^bytesCut]);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(40)]
    [InlineData(-40)]
    [InlineData(-1)]
    public void Load_ByteFlipped_Corrupt(int offset)
    {
        using var temp = new TempFolder();
        var path = Saved(temp);
        var bytes = File.ReadAllBytes(path);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(path));
    }

    [Theory]
    [InlineData("SBVX")]
    [InlineData("just some text that happens to be long enough to have a header")]
    public void Load_NotAnIndex_Corrupt(string content)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["vectors.sbvx"], content);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["vectors.sbvx"]));
    }

    [Theory]
    [InlineData("2", Dimensions)]
    [InlineData("1", Dimensions / 2)]
    public void Load_OtherModelVersionOrDimensions_OtherModel(string version, int dimensions)
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.OtherModel, LoadFails(Saved(temp), Model with { Version = version, Dimensions = dimensions }));
    }

    [Fact]
    public void Load_FileOfAnotherKind_Corrupt()
    {
        using var temp = new TempFolder();
        var (ids, rows) = ClusteredVectors.Many(new Random(19), 50, Dimensions);
        using var mine = Build([], []);
        RetiredIndexFiles.WriteIvf(temp["ivf.sbvx"], Model, ids, rows);
        RetiredIndexFiles.WriteHnsw(temp["hnsw.sbvx"], Model, ids.Length);
        IVectorIndex[] kinds = [new ExactVectorIndex(Model), USearchVectorIndex.Build(Model, ids, rows)];
        foreach (var kind in kinds)
        {
            using (kind)
            {
                if (kind.GetType() != mine.GetType())
                {
                    kind.Save(temp[$"{kind.GetType().Name}.sbvx"]);
                }
            }
        }

        var others = Directory.GetFiles(temp.Path, "*.sbvx");

        // Each other kind's file, and the removed IVF and HNSW indexes'.
        Assert.Equal(kinds.Length + 1, others.Length);
        Assert.All(others, path => Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(path)));
    }

    [Fact]
    public void SavedVectorIndexLoad_FileOfThisKind_ThisKindWithTheSameAnswers()
    {
        using var temp = new TempFolder();
        var path = Saved(temp);
        using var original = Filled(300, seed: 1).Index;

        using var loaded = SavedVectorIndex.Load(path, Model);

        Assert.IsType(original.GetType(), loaded);
        var query = RandomVectors.Unit(new Random(6), Dimensions);
        Assert.Equal(original.Search(query, 10), loaded.Search(query, 10));
    }
}

[Tier(Tier.Unit)]
public sealed class ExactVectorIndexContractTests : VectorIndexContractTests
{
    protected override IVectorIndex Build(long[] ids, float[] rows)
    {
        var index = new ExactVectorIndex(Model);
        for (var i = 0; i < ids.Length; i++)
        {
            index.Upsert(ids[i], rows.AsSpan(i * Dimensions, Dimensions));
        }
        return index;
    }

    protected override IVectorIndex Load(string path, ModelIdentity model) => ExactVectorIndex.Load(path, model);
}

/// <summary>
/// The graph searched with ef above any count here, so that every photo is scored and the answers are exact,
/// comparable with brute force; the walk itself, and its recall at the default ef, are <see cref="USearchVectorIndexTests"/>' business.
/// </summary>
[Tier(Tier.Unit)]
public sealed class USearchVectorIndexContractTests : VectorIndexContractTests
{
    protected override IVectorIndex Build(long[] ids, float[] rows) => USearchVectorIndex.Build(Model, ids, rows, new GraphOptions { ExpansionSearch = 10_000 });

    protected override IVectorIndex Load(string path, ModelIdentity model) => USearchVectorIndex.Load(path, model);
}
