using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Tests.Search.Vectors;

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
}
