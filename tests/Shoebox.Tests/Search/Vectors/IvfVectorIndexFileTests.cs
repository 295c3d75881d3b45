using Shoebox.Core;
using Shoebox.Search.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Vectors;

public class IvfVectorIndexFileTests : SavedIndexFileTests<IvfVectorIndex>
{
    protected override IvfVectorIndex Build(long[] ids, float[] rows) => IvfVectorIndex.Build(Model, ids, rows, new IvfOptions { Probes = 3 });

    protected override IvfVectorIndex Load(string path, ModelIdentity model) => IvfVectorIndex.Load(path, model);

    [Fact]
    public void Load_AfterSave_SameListsProbesAndResults()
    {
        using var temp = new TempFolder();
        using var original = Built();
        original.Remove(3);
        original.Upsert(-1, RandomVectors.Unit(new Random(2), Dimensions));
        original.Save(temp["vectors.sbvx"]);

        using var loaded = Load(temp["vectors.sbvx"], Model);

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
}
