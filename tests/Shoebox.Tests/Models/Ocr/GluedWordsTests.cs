using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Unit)]
public class GluedWordsTests
{
    [Theory]
    [InlineData("FALLS ASLEEPIN CLASS", "FALLS ASLEEP IN CLASS")]
    [InlineData("IT'SA TRAP!", "IT'S A TRAP!")]
    [InlineData("YOURMEMEIS BAD", "YOUR MEME IS BAD")]
    [InlineData("AS ATTRACTIVE ASIDO", "AS ATTRACTIVE AS I DO")]
    [InlineData("KNOWN FROM THESTART.", "KNOWN FROM THE START.")]
    [InlineData("\"MYOWN\" THEME", "\"MY OWN\" THEME")]
    [InlineData("gets icedcoffee", "gets iced coffee")]
    public void Split_WordsReadWithoutTheirSpace_AreSplitIntoTheFewestWords(string read, string expected)
    {
        Assert.Equal(expected, GluedWords.Split(read));
    }

    [Theory]
    [InlineData("TOGETHER NOTHING PUNCHLINE")] // words already, though "to get her" would split them
    [InlineData("Testsieger Scandinavia")]     // capitalised: a name, or another language
    [InlineData("HISTORY.COM 2024 #tbt")]      // not letters alone
    [InlineData("XQZT BLORP")]                 // nothing to split into
    [InlineData("")]
    public void Split_AnythingElse_IsLeftAsItWas(string read)
    {
        Assert.Equal(read, GluedWords.Split(read));
    }
}
