using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

public class IvfVectorIndexFileTests
{
    private const int Dimensions = 16;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static IvfVectorIndex Built(int count = 600, int seed = 1)
    {
        var (ids, rows) = ClusteredVectors.Many(new Random(seed), count, Dimensions);
        return IvfVectorIndex.Build(Model, ids, rows, new IvfOptions { Probes = 3 });
    }

    private static string Saved(TempFolder temp)
    {
        var path = temp["vectors.sbvx"];
        using var index = Built();
        index.Save(path);
        return path;
    }

    private static VectorIndexStaleReason LoadFails(string path, ModelIdentity? model = null) =>
        Assert.Throws<VectorIndexStaleException>(() => IvfVectorIndex.Load(path, model ?? Model)).Reason;

    [Fact]
    public void Load_AfterSave_SameListsProbesAndResults()
    {
        using var temp = new TempFolder();
        using var original = Built();
        original.Remove(3);
        original.Upsert(-1, RandomVectors.Unit(new Random(2), Dimensions));
        original.Save(temp["vectors.sbvx"]);

        using var loaded = IvfVectorIndex.Load(temp["vectors.sbvx"], Model);

        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.ListCount, loaded.ListCount);
        Assert.Equal(3, loaded.Probes);
        var random = new Random(3);
        for (var i = 0; i < 5; i++)
        {
            var query = RandomVectors.Unit(random, Dimensions);
            Assert.Equal(original.Search(query, 20), loaded.Search(query, 20));
        }
        Assert.False(File.Exists(temp["vectors.sbvx.tmp"]));
    }

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
        using (var empty = IvfVectorIndex.Build(Model, Array.Empty<long>(), Array.Empty<float>()))
        {
            empty.Save(temp["vectors.sbvx"]);
        }

        using var loaded = IvfVectorIndex.Load(temp["vectors.sbvx"], Model);
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
        var ivf = Saved(temp);
        Assert.Equal(VectorIndexStaleReason.Corrupt, Assert.Throws<VectorIndexStaleException>(() => ExactVectorIndex.Load(ivf, Model)).Reason);
    }
}
