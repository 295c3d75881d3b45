using Shoebox.Models.Tokenizers;

namespace Shoebox.Tests.Models.Tokenizers;

[Tier(Tier.Unit)]
public class ClipPreTokenizerTests
{
    // Expected words from CLIP's pattern run by Python's regex module.
    [Fact]
    public void Split_MixedText_MatchesReferencePattern() =>
        Assert.Equal(
            ["don", "'t", "stop", "!!!", "2", "0", "2", "4", "\U00020000\U00020001x", "''", "s", "<|endoftext|>", "!"],
            ClipPreTokenizer.Split("don't stop!!! 2024 \U00020000\U00020001x ''s <|endoftext|>!"));

    [Fact]
    public void Split_OnlyWhitespace_IsEmpty() => Assert.Empty(ClipPreTokenizer.Split(" \t\n "));
}
