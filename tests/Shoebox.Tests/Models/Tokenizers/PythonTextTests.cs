using Shoebox.Models.Tokenizers;

namespace Shoebox.Tests.Models.Tokenizers;

[Tier(Tier.Unit)]
public class PythonTextTests
{
    // Expected values from Python's str.lower().
    [Theory]
    [InlineData("ΟΔΟΣ ΣΑΣ Σ ΑΣ.", "οδος σας σ ας.")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("A Photo Of A CAT", "a photo of a cat")]
    public void Lower_Text_MatchesPython(string text, string expected) => Assert.Equal(expected, PythonText.Lower(text));

    [Theory]
    [InlineData("  a \t b\n\nc  ", "a b c")]
    [InlineData("a\u001Fb", "a b")]
    [InlineData("a\u200Bb", "a\u200Bb")]
    [InlineData("   ", "")]
    public void CollapseWhitespace_Text_MatchesPythonSubAndStrip(string text, string expected) =>
        Assert.Equal(expected, PythonText.CollapseWhitespace(text));
}
