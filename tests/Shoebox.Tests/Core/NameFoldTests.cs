using Shoebox.Core;

namespace Shoebox.Tests.Core;

[Tier(Tier.Unit)]
public sealed class NameFoldTests
{
    [Theory]
    [InlineData("São Paulo", "sao paulo")]
    [InlineData("SAO-PAULO", "sao paulo")]
    [InlineData("Zürich", "zurich")]
    [InlineData("Kraków", "krakow")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Tromsø", "tromso")]
    [InlineData("  Côte d'Ivoire ", "cote d ivoire")]
    [InlineData("東京", "東京")]
    [InlineData("Sa\u0303o Paulo", "sao paulo")]
    public void Fold_AccentsCaseAndPunctuation_AreIgnored(string name, string folded)
    {
        Assert.Equal(folded, NameFold.Fold(name));
    }
}
