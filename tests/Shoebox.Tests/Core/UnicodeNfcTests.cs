using Shoebox.Core;

namespace Shoebox.Tests.Core;

[Tier(Tier.Unit)]
public class UnicodeNfcTests
{
    // Expected values from Python's unicodedata.normalize("NFC", ...).
    [Theory]
    [InlineData("cafe\u0301", "caf\u00E9")]
    [InlineData("e\u0323\u0302", "\u1EC7")]
    [InlineData("e\u0302\u0323", "\u1EC7")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("\uAC00\u11A8", "\uAC01")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("a\u0328\u0301", "\u0105\u0301")]
    [InlineData("\u0344", "\u0308\u0301")]
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")]
    [InlineData("\u0B47\u0B3E", "\u0B4B")]
    [InlineData("ascii only", "ascii only")]
    [InlineData("\u00E9t\u00E9", "\u00E9t\u00E9")]
    [InlineData("\u1E9B\u0323", "\u1E9B\u0323")]
    [InlineData("e\u0331\u0301", "\u00E9\u0331")]
    public void Normalize_Text_MatchesReferenceNfc(string input, string expected) =>
        Assert.Equal(expected, UnicodeNfc.Normalize(input));

    [Fact]
    public void Normalize_AsciiText_ReturnsSameInstance()
    {
        const string text = "a photo of a cat";

        Assert.Same(text, UnicodeNfc.Normalize(text));
    }
}
