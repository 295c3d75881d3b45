using Shoebox.Models.Captions;

namespace Shoebox.Tests.Models.Captions;

[Tier(Tier.Unit)]
public class CaptionTextTests
{
    [Fact]
    public void Clean_QuotedAnswerOnSeveralLines_BecomesOneUnquotedLine()
    {
        Assert.Equal("Two children on a beach.", CaptionText.Clean("\"Two children\n\non a   beach.\"\n", 500));
    }

    [Fact]
    public void Clean_AnswerLongerThanTheLimit_IsCutAtAWordWithAnEllipsis()
    {
        var caption = CaptionText.Clean("A very long description of a crowded market street full of stalls", 30);

        Assert.True(caption.Length <= 30, caption);
        Assert.EndsWith("…", caption);
        Assert.StartsWith("A very long description of", caption);
    }

    [Fact]
    public void Clean_QuotesInsideTheText_AreKept()
    {
        Assert.Equal("\"Open\" sign and a \"Closed\" sign", CaptionText.Clean("\"Open\" sign and a \"Closed\" sign", 500));
    }
}
