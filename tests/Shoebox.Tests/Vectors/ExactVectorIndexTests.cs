using Shoebox.Core;
using Shoebox.Tests.Fixtures;
using Shoebox.Vectors;

namespace Shoebox.Tests.Vectors;

/// <summary>What only the exact index does; what every index does is in <see cref="VectorIndexContractTests"/>.</summary>
[Tier(Tier.Unit)]
public class ExactVectorIndexTests
{
    private const int Dimensions = 32;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    [Fact]
    public void Search_FilterRejectsAll_AsksTheFilterOncePerVectorAndScoresNothing()
    {
        using var index = new ExactVectorIndex(Model);
        foreach (var (id, vector) in RandomVectors.Many(new Random(2), 50, Dimensions))
        {
            index.Upsert(id, vector);
        }
        var calls = 0;

        var hits = index.Search(RandomVectors.Unit(new Random(3), Dimensions), 10, _ => { calls++; return false; });

        Assert.Empty(hits);
        Assert.Equal(50, calls);
    }

    [Fact]
    public void Save_SameVectorsTwice_SameBytes()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "first.sbvx", "second.sbvx" })
        {
            using var index = new ExactVectorIndex(Model);
            foreach (var (id, vector) in RandomVectors.Many(new Random(1), 300, Dimensions))
            {
                index.Upsert(id, vector);
            }
            index.Save(temp[name]);
        }

        Assert.Equal(File.ReadAllBytes(temp["first.sbvx"]), File.ReadAllBytes(temp["second.sbvx"]));
    }
}
