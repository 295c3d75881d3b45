using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

/// <summary>What every saved approximate index must do with its file; each kind runs these through a subclass.</summary>
public abstract class SavedIndexFileTests<TIndex>
    where TIndex : IVectorIndex
{
    protected const int Dimensions = 16;

    protected static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    protected abstract TIndex Build(long[] ids, float[] rows);

    protected abstract TIndex Load(string path, ModelIdentity model);

    protected TIndex Built(int count = 600, int seed = 1)
    {
        var (ids, rows) = ClusteredVectors.Many(new Random(seed), count, Dimensions);
        return Build(ids, rows);
    }

    protected string Saved(TempFolder temp)
    {
        var path = temp["vectors.sbvx"];
        using var index = Built();
        index.Save(path);
        return path;
    }

    protected VectorIndexStaleReason LoadFails(string path, ModelIdentity? model = null) =>
        Assert.Throws<VectorIndexStaleException>(() => Load(path, model ?? Model)).Reason;

    [Fact]
    public void Save_SameVectorsBuiltTwice_SameBytes()
    {
        using var temp = new TempFolder();
        using (var first = Built())
        using (var second = Built())
        {
            first.Save(temp["a.sbvx"]);
            second.Save(temp["b.sbvx"]);
        }

        Assert.Equal(File.ReadAllBytes(temp["a.sbvx"]), File.ReadAllBytes(temp["b.sbvx"]));
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
        loaded.Upsert(5, RandomVectors.Unit(new Random(4), Dimensions));

        Assert.Equal(1, loaded.Count);
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
    [InlineData(1)]
    [InlineData(1000)]
    public void Load_Truncated_Corrupt(int bytesCut)
    {
        using var temp = new TempFolder();
        var path = Saved(temp);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^bytesCut]);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(path));
    }

    [Fact]
    public void Load_OtherModel_OtherModel()
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.OtherModel, LoadFails(Saved(temp), Model with { Version = "2" }));
    }

    [Fact]
    public void Load_MissingFile_Missing()
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.Missing, LoadFails(temp["none.sbvx"]));
    }

    [Fact]
    public void Load_ExactIndexFile_CorruptAndViceVersa()
    {
        using var temp = new TempFolder();
        using (var exact = new ExactVectorIndex(Model))
        {
            exact.Upsert(1, RandomVectors.Unit(new Random(5), Dimensions));
            exact.Save(temp["exact.sbvx"]);
        }

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["exact.sbvx"]));
        var saved = Saved(temp);
        Assert.Equal(VectorIndexStaleReason.Corrupt, Assert.Throws<VectorIndexStaleException>(() => ExactVectorIndex.Load(saved, Model)).Reason);
    }

    [Fact]
    public void SavedVectorIndexLoad_TellsTheKindByItsVersion()
    {
        using var temp = new TempFolder();
        var path = Saved(temp);
        using var original = Built();

        using var loaded = SavedVectorIndex.Load(path, Model);

        Assert.IsType<TIndex>(loaded);
        var query = RandomVectors.Unit(new Random(6), Dimensions);
        Assert.Equal(original.Search(query, 10), loaded.Search(query, 10));
    }
}
