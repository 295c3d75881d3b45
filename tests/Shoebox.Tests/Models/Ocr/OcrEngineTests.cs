using System.Diagnostics;
using Shoebox.Imaging;
using Shoebox.Models.Ocr;
using Shoebox.Tests.Fixtures;

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

    [Fact]
    public void ReadPhoto_CameraSizePhotoWithoutText_OneSmallDetectorRunAndNoLines()
    {
        using var temp = new TempFolder();
        var read = ReadPhotoFile(TextPictures.SaveJpeg(TextPictures.Blank(4000, 3000), temp["blank.jpg"]), out var work);

        Assert.Empty(read.Lines);
        Assert.Equal(1, work.DetectorRuns);
        // The first look's pixels alone: reading the photo whole would have shown the detector 960 x 736.
        Assert.InRange(work.DetectorPixels, 1, OcrEngine.LookSide * OcrEngine.LookSide);
        Assert.Equal([OcrEngine.LookSide], read.Decodes);
    }

    [Fact]
    public void ReadPhoto_CameraSizePhotoWithASign_ReadsItWholeAtTheReadingSize()
    {
        using var temp = new TempFolder();
        var photo = TextPictures.Sign(4000, 3000, "DejaVu Sans Bold 48", "Fresh bread daily", 2600, 1900);

        var read = ReadPhotoFile(TextPictures.SaveJpeg(photo, temp["sign.jpg"]), out _);

        AssertReads(read.Lines, "fresh bread daily");
        Assert.Equal([OcrEngine.LookSide, OcrEngine.ReadSide], read.Decodes);
    }

    [Fact]
    public void ReadPhoto_CameraSizePhotoWithSmallPrint_ReadsItFromADetailDecodeIntoThePhotosPixels()
    {
        using var temp = new TempFolder();
        // Capitals of about 15 px in 3000: read whole at 1280 px, the words come out garbled.
        var photo = TextPictures.Sign(4000, 3000, "DejaVu Sans 20", "Closed on Mondays", 2600, 1900);

        var read = ReadPhotoFile(TextPictures.SaveJpeg(photo, temp["small print.jpg"]), out _);

        var line = Assert.Single(read.Lines);
        Assert.Equal("closed on mondays", line.Text.ToLowerInvariant());
        Assert.Equal([OcrEngine.LookSide, OcrEngine.ReadSide, OcrEngine.DetailSideFor(4000)], read.Decodes);
        Assert.InRange(line.Box.TopLeft.X, 2580, 2640);
        Assert.InRange(line.Box.TopLeft.Y, 1880, 1930);
        Assert.InRange(line.Box.BottomRight.X, 2700, 2900);
    }

    // The photo read as indexing reads it: from its file, decoded at the sizes the engine asks for.
    private (IReadOnlyList<OcrLine> Lines, List<int> Decodes) ReadPhotoFile(string path, out OcrWork work)
    {
        var decoder = new ImageDecoder();
        var header = decoder.ReadHeader(path);
        var decodes = new List<int>();
        var before = models.Engine.Work;
        var lines = models.Engine.ReadPhoto(side =>
        {
            decodes.Add(side);
            return decoder.Decode(path, header, side, Fit.Within);
        });
        work = models.Engine.Work - before;
        return (lines, decodes);
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
