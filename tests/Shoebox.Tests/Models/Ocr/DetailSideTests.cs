using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Unit)]
public sealed class DetailSideTests
{
    [Theory]
    [InlineData(4000, 2000)] // 12 MP: half, which a JPEG decodes for a fraction of the whole
    [InlineData(2560, 1280)]
    [InlineData(5121, 2560)] // no more than the detail side
    [InlineData(8000, 2560)]
    public void DetailSideFor_PhotoOfTwiceTheReadingOrMore_HalfItsSideAtMostTheDetailSide(int sourceSide, int expected)
    {
        Assert.Equal(expected, OcrEngine.DetailSideFor(sourceSide));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(2559)]
    public void DetailSideFor_SmallerPhoto_WholeSize(int sourceSide)
    {
        Assert.Equal(sourceSide, OcrEngine.DetailSideFor(sourceSide));
    }
}
