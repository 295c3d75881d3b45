using Shoebox.Core;
using Shoebox.Vectors;

namespace Shoebox.Tests.Vectors;

[Tier(Tier.Unit)]
public class VectorIndexChoiceTests
{
    [Theory]
    [InlineData(100, typeof(ExactVectorIndex))]
    [InlineData(VectorIndexChoice.ExactUpTo + 1, typeof(USearchVectorIndex))]
    public void Build_ExactWhenSmallGraphWhenLarge(int count, Type expected)
    {
        const int dimensions = 4;
        var random = new Random(11);
        var ids = Enumerable.Range(1, count).Select(id => (long)id).ToArray();
        var rows = Enumerable.Range(0, count).SelectMany(_ => RandomVectors.Unit(random, dimensions)).ToArray();

        // A sparse graph: which kind is chosen is the question here, not how well the graph finds neighbours.
        using var index = VectorIndexChoice.Build(new ModelIdentity("tiny", "1", dimensions), ids, rows, new GraphOptions { Connectivity = 4, ExpansionAdd = 8 });

        Assert.IsType(expected, index);
        Assert.Equal(count, index.Count);
    }
}
