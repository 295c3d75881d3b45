using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

public class ExactVectorIndexFileTests
{
    private const int Dimensions = 16;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static (ExactVectorIndex Index, Dictionary<long, float[]> Vectors) Filled(int count, int seed = 1)
    {
        var vectors = RandomVectors.Many(new Random(seed), count, Dimensions);
        var index = new ExactVectorIndex(Model);
        foreach (var (id, vector) in vectors)
        {
            index.Upsert(id, vector);
        }
        return (index, vectors);
    }

    private static string Saved(TempFolder temp, int count = 200)
    {
        var path = temp["vectors.sbvx"];
        var (index, _) = Filled(count);
        using (index)
        {
            index.Save(path);
        }
        return path;
    }

    private static VectorIndexStaleReason LoadFails(string path, ModelIdentity? model = null) =>
        Assert.Throws<VectorIndexStaleException>(() => ExactVectorIndex.Load(path, model ?? Model)).Reason;

    [Fact]
    public void Load_AfterSave_SameVectorsAndResults()
    {
        using var temp = new TempFolder();
        var (original, vectors) = Filled(300);
        using (original)
        {
            original.Remove(vectors.Keys.First());
            original.Save(temp["vectors.sbvx"]);

            using var loaded = ExactVectorIndex.Load(temp["vectors.sbvx"], Model);

            Assert.Equal(original.Count, loaded.Count);
            var random = new Random(2);
            for (var i = 0; i < 5; i++)
            {
                var query = RandomVectors.Unit(random, Dimensions);
                Assert.Equal(original.Search(query, 300), loaded.Search(query, 300));
            }
        }
        Assert.False(File.Exists(temp["vectors.sbvx.tmp"]));
    }

    [Fact]
    public void Load_EmptyIndex_RoundTrips()
    {
        using var temp = new TempFolder();
        using (var empty = new ExactVectorIndex(Model))
        {
            empty.Save(temp["vectors.sbvx"]);
        }

        using var loaded = ExactVectorIndex.Load(temp["vectors.sbvx"], Model);

        Assert.Equal(0, loaded.Count);
    }

    [Fact]
    public void Upsert_AfterLoad_GrowsAndSearches()
    {
        using var temp = new TempFolder();
        using var loaded = ExactVectorIndex.Load(Saved(temp, count: 10), Model);
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
        var (smaller, _) = Filled(5, seed: 9);
        using (smaller)
        {
            smaller.Save(path);
        }

        using var loaded = ExactVectorIndex.Load(path, Model);

        Assert.Equal(5, loaded.Count);
    }

    [Fact]
    public void Save_FolderMissing_ThrowsAndLeavesNoFile()
    {
        using var temp = new TempFolder();
        using var index = new ExactVectorIndex(Model);

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
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^bytesCut]);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(path));
    }

    [Fact]
    public void Load_FewBytes_Corrupt()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["vectors.sbvx"], "SBVX"u8.ToArray());

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["vectors.sbvx"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
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

    [Fact]
    public void Load_NotAnIndex_Corrupt()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["vectors.sbvx"], "just some text that happens to be long enough to have a header");

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["vectors.sbvx"]));
    }

    [Fact]
    public void Load_OtherModelVersion_OtherModel()
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.OtherModel, LoadFails(Saved(temp), Model with { Version = "2" }));
    }

    [Fact]
    public void Load_OtherDimensions_OtherModel()
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.OtherModel, LoadFails(Saved(temp), Model with { Dimensions = 32 }));
    }
}
