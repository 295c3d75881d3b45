using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

public class HnswVectorIndexFileTests : SavedIndexFileTests<HnswVectorIndex>
{
    protected override HnswVectorIndex Build(long[] ids, float[] rows) => HnswVectorIndex.Build(Model, ids, rows, new HnswOptions { M = 6, EfSearch = 12 });

    protected override HnswVectorIndex Load(string path, ModelIdentity model) => HnswVectorIndex.Load(path, model);

    [Fact]
    public void Load_AfterSave_SameCountsEfAndResults()
    {
        using var temp = new TempFolder();
        using var original = Built();
        original.Remove(3);
        original.Upsert(-1, RandomVectors.Unit(new Random(2), Dimensions));
        original.Save(temp["vectors.sbvx"]);

        using var loaded = Load(temp["vectors.sbvx"], Model);

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
    public void Load_IvfIndexFile_Corrupt()
    {
        using var temp = new TempFolder();
        var (ids, rows) = ClusteredVectors.Many(new Random(5), 100, Dimensions);
        RetiredIvfFile.Write(temp["ivf.sbvx"], Model, ids, rows);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["ivf.sbvx"]));
    }
}
