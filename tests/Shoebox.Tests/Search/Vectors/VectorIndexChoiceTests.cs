using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Tests.Search.Vectors;

[Tier(Tier.Unit)]
public class VectorIndexChoiceTests
{
    [Theory]
    [InlineData(100, typeof(ExactVectorIndex))]
    [InlineData(VectorIndexChoice.ExactUpTo + 1, typeof(HnswVectorIndex))]
    public void Build_ExactWhenSmallHnswWhenLarge(int count, Type expected)
    {
        const int dimensions = 4;
        var random = new Random(11);
        var ids = Enumerable.Range(1, count).Select(id => (long)id).ToArray();
        var rows = Enumerable.Range(0, count).SelectMany(_ => RandomVectors.Unit(random, dimensions)).ToArray();

        // A sparse graph: which kind is chosen is the question here, not how well the graph finds neighbours.
        using var index = VectorIndexChoice.Build(new ModelIdentity("tiny", "1", dimensions), ids, rows, new HnswOptions { M = 4, EfConstruction = 8 });

        Assert.IsType(expected, index);
        Assert.Equal(count, index.Count);
    }
}
