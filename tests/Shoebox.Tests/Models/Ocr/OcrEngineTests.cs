using System.Diagnostics;
using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Ocr)]
public sealed class OcrEngineTests(OcrModelsFixture models) : IClassFixture<OcrModelsFixture>
{
    [Fact]
    public void Read_BlackTextOnWhite_ReadsTheWords()
    {
        var image = TextPictures.Plain("DejaVu Sans 36", "Holiday in Lisbon 2019", "grandmother's birthday cake");

        var lines = models.Engine.Read(image);

        AssertReads(lines, "holiday in lisbon 2019 grandmother's birthday cake");
        Assert.All(lines, line => Assert.InRange(line.Confidence, 0.5f, 1f));
    }

    [Theory]
    [InlineData("DejaVu Sans Condensed Bold 64")]
    [InlineData("Liberation Sans Narrow Bold 64")]
    public void Read_MemeLettering_ReadsTheWords(string font)
    {
        var image = TextPictures.Meme(font, "ONE DOES NOT SIMPLY", "WALK INTO MORDOR");

        var lines = models.Engine.Read(image);

        AssertReads(lines, "one does not simply walk into mordor");
        Assert.True(lines[0].Box.TopLeft.Y < image.Height / 2, "the top line comes first");
    }

    [Fact]
    public void Read_LinesComeWithBoxesAroundTheirText()
    {
        var image = TextPictures.Meme("DejaVu Sans Condensed Bold 64", "TOP TEXT", "BOTTOM TEXT");

        var lines = models.Engine.Read(image);

        Assert.Equal(2, lines.Count);
        Assert.InRange(lines[0].Box.BottomLeft.Y, 0, image.Height / 3);
        Assert.InRange(lines[1].Box.TopLeft.Y, 2 * image.Height / 3, image.Height);
        Assert.All(lines, line => Assert.InRange(line.Box.Width, 100, image.Width));
    }

    [Fact]
    public void Read_PhotoWithoutText_NoLinesAndOnlyTheDetectorRuns()
    {
        var image = TextPictures.Blank(1280, 960);
        models.Engine.Read(TextPictures.Blank(64, 64)); // loads the models outside the timing

        var clock = Stopwatch.StartNew();
        var lines = models.Engine.Read(image);
        clock.Stop();

        Assert.Empty(lines);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"a blank photo took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    // Most words exactly: a recogniser may drop an apostrophe or misread one letter.
    private static void AssertReads(IReadOnlyList<OcrLine> lines, string expected)
    {
        var read = string.Join(' ', lines.Select(l => l.Text)).ToLowerInvariant();
        var words = read.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var wanted = expected.Split(' ');
        var found = wanted.Count(words.Contains);
        Assert.True(found >= wanted.Length - 1, $"read '{read}', expected '{expected}'");
    }
}
