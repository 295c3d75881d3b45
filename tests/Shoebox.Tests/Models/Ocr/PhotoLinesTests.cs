using Shoebox.Core;
using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Unit)]
public sealed class PhotoLinesTests
{
    [Fact]
    public void Placed_LinesOfACropOfASmallerDecode_BoxesInThePhotosPixels()
    {
        // A 1000 x 500 decode of a 4000 x 2000 photo, cropped at (100, 50).
        var decode = new RgbImage(1000, 500, new byte[1000 * 500 * 3]) { SourceSize = (4000, 2000) };

        var line = Assert.Single(PhotoLines.Placed([Line("sign", 10, 20, 110, 40)], decode, 100, 50));

        Assert.Equal("sign", line.Text);
        Assert.Equal(new OcrPoint(440, 280), line.Box.TopLeft);
        Assert.Equal(new OcrPoint(840, 360), line.Box.BottomRight);
    }

    [Fact]
    public void Rectangle_PartOfASmallerDecode_InThePhotosPixels()
    {
        var decode = new RgbImage(1000, 500, new byte[1000 * 500 * 3]) { SourceSize = (4000, 2000) };

        var box = PhotoLines.Rectangle(decode, 100, 50, 300, 150);

        Assert.Equal(new OcrPoint(400, 200), box.TopLeft);
        Assert.Equal(new OcrPoint(1200, 600), box.BottomRight);
    }

    [Fact]
    public void Crop_Part_ItsPixelsRowAfterRow()
    {
        var pixels = Enumerable.Range(0, 4 * 3 * 3).Select(i => (byte)i).ToArray();

        var crop = PhotoLines.Crop(new RgbImage(4, 3, pixels), 1, 1, 2, 2);

        Assert.Equal((2, 2), (crop.Width, crop.Height));
        Assert.Equal([15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32], crop.Pixels);
    }

    [Fact]
    public void Merged_LineReadInADetailPart_ReplacesTheWholeReadingsLineThere()
    {
        List<OcrLine> whole = [Line("FRESH BREAD", 100, 100, 900, 160), Line("fne prnt", 1000, 2000, 1400, 2030)];
        var part = (Region: Box(950, 1950, 1500, 2100), Lines: (IReadOnlyList<OcrLine>)[Line("fine print", 1002, 1998, 1398, 2028)]);

        var merged = PhotoLines.Merged(whole, [part]);

        Assert.Equal(["FRESH BREAD", "fine print"], merged.Select(l => l.Text));
    }

    [Fact]
    public void Merged_PartThatReadNothing_KeepsTheWholeReadingsLines()
    {
        List<OcrLine> whole = [Line("label", 1000, 2000, 1400, 2030)];

        var merged = PhotoLines.Merged(whole, [(Box(950, 1950, 1500, 2100), [])]);

        Assert.Equal(["label"], merged.Select(l => l.Text));
    }

    [Fact]
    public void Merged_WholeLineReachingOutOfThePart_KeptAndThePartsCutPieceDropped()
    {
        List<OcrLine> whole = [Line("a long shop name", 800, 1000, 2000, 1080)];
        var part = (Region: Box(700, 950, 1300, 1150), Lines: (IReadOnlyList<OcrLine>)[Line("a long sh", 800, 1000, 1300, 1080), Line("open", 900, 1100, 1100, 1140)]);

        var merged = PhotoLines.Merged(whole, [part]);

        Assert.Equal(["a long shop name", "open"], merged.Select(l => l.Text));
    }

    [Fact]
    public void Merged_LinesFromSeveralParts_TopToBottom()
    {
        var upper = (Region: Box(0, 0, 500, 300), Lines: (IReadOnlyList<OcrLine>)[Line("upper", 10, 100, 200, 130)]);
        var lower = (Region: Box(0, 1000, 500, 1300), Lines: (IReadOnlyList<OcrLine>)[Line("lower", 10, 1100, 200, 1130)]);

        var merged = PhotoLines.Merged([Line("middle", 10, 600, 200, 630)], [lower, upper]);

        Assert.Equal(["upper", "middle", "lower"], merged.Select(l => l.Text));
    }

    private static OcrBox Box(float left, float top, float right, float bottom) => new(new(left, top), new(right, top), new(right, bottom), new(left, bottom));

    private static OcrLine Line(string text, float left, float top, float right, float bottom) => new(text, 0.9f, Box(left, top, right, bottom));
}
