using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

public class HnswVectorIndexFileTests
{
    private const int Dimensions = 16;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static HnswVectorIndex Built(int count = 600, int seed = 1)
    {
        var (ids, rows) = ClusteredVectors.Many(new Random(seed), count, Dimensions);
        return HnswVectorIndex.Build(Model, ids, rows, new HnswOptions { M = 6, EfSearch = 12 });
    }

    private static string Saved(TempFolder temp)
    {
        var path = temp["vectors.sbvx"];
        using var index = Built();
        index.Save(path);
        return path;
    }

    private static VectorIndexStaleReason LoadFails(string path, ModelIdentity? model = null) =>
        Assert.Throws<VectorIndexStaleException>(() => HnswVectorIndex.Load(path, model ?? Model)).Reason;

    [Fact]
    public void Load_AfterSave_SameCountsEfAndResults()
    {
        using var temp = new TempFolder();
        using var original = Built();
        original.Remove(3);
        original.Upsert(-1, RandomVectors.Unit(new Random(2), Dimensions));
        original.Save(temp["vectors.sbvx"]);

        using var loaded = HnswVectorIndex.Load(temp["vectors.sbvx"], Model);

        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(1, loaded.DeletedCount);
        Assert.Equal(12, loaded.EfSearch);
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
        using (var empty = HnswVectorIndex.Build(Model, Array.Empty<long>(), Array.Empty<float>()))
        {
            empty.Save(temp["vectors.sbvx"]);
        }

        using var loaded = HnswVectorIndex.Load(temp["vectors.sbvx"], Model);
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
    public void Load_IvfIndexFile_Corrupt()
    {
        using var temp = new TempFolder();
        var (ids, rows) = ClusteredVectors.Many(new Random(5), 100, Dimensions);
        using (var ivf = IvfVectorIndex.Build(Model, ids, rows))
        {
            ivf.Save(temp["ivf.sbvx"]);
        }

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["ivf.sbvx"]));
    }

    [Fact]
    public void SavedVectorIndexLoad_Version3_HnswWithSameResults()
    {
        using var temp = new TempFolder();
        var path = Saved(temp);
        using var original = Built();

        using var loaded = SavedVectorIndex.Load(path, Model);

        Assert.IsType<HnswVectorIndex>(loaded);
        var query = RandomVectors.Unit(new Random(6), Dimensions);
        Assert.Equal(original.Search(query, 10), loaded.Search(query, 10));
    }
}
