using Shoebox.Core;
using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Unit)]
public sealed class TextRegionsTests
{
    // A 320 x 320 map of a 640 x 640 look: map pixels count twice in the look's.
    private const int Side = 320;

    [Fact]
    public void Find_EmptyMap_NoRegions()
    {
        Assert.Empty(TextRegions.Find(new TextMap(new float[Side * Side], Side, Side), 2 * Side, 2 * Side));
    }

    [Fact]
    public void Find_TwoBlobsApart_OneRegionEachWithItsThicknessInLookPixels()
    {
        var map = new float[Side * Side];
        Fill(map, 20, 20, 60, 24, 0.8f); // 40 x 4: thickness 4
        Fill(map, 200, 250, 300, 258, 0.8f); // 100 x 8: thickness 8

        var regions = TextRegions.Find(new TextMap(map, Side, Side), 2 * Side, 2 * Side);

        Assert.Equal(2, regions.Count);
        // Each widened by 8 thicknesses and 8 along the line, by 3 and 4 across it, then doubled and cut to the look.
        Assert.Equal(new TextRegion(0, 2 * (20 - 16), 2 * (60 + 40), 2 * (24 + 16), 2 * 4f), regions[0]);
        Assert.Equal(new TextRegion(2 * (200 - 72), 2 * (250 - 28), 2 * Side, 2 * (258 + 28), 2 * 8f), regions[1]);
    }

    [Fact]
    public void Find_LinesOfOneSign_OneRegionWithTheThinnerLine()
    {
        var map = new float[Side * Side];
        Fill(map, 100, 100, 200, 108, 0.8f);
        Fill(map, 110, 120, 190, 124, 0.8f);

        var region = Assert.Single(TextRegions.Find(new TextMap(map, Side, Side), Side, Side));

        Assert.Equal(4f, region.Thickness);
        Assert.True(region.Top <= 100 && region.Bottom >= 124, $"{region} holds both lines");
    }

    [Fact]
    public void Find_SpecksAndFaintBlobs_NoRegions()
    {
        var map = new float[Side * Side];
        Fill(map, 10, 10, 12, 11, 0.9f); // two pixels
        Fill(map, 100, 100, 200, 110, 0.25f); // above the threshold, too faint on the whole

        Assert.Empty(TextRegions.Find(new TextMap(map, Side, Side), Side, Side));
    }

    [Fact]
    public void Sharpened_Edge_LiftedOnBothSidesAndFlatPartsKept()
    {
        var pixels = new byte[8 * 3 * 3];
        for (var x = 4; x < 8; x++)
        {
            for (var y = 0; y < 3; y++)
            {
                pixels[((y * 8) + x) * 3] = 200;
            }
        }
        var image = new RgbImage(8, 3, pixels) { SourceSize = (80, 30) };

        var sharp = TextRegions.Sharpened(image);

        Assert.Equal((80, 30), sharp.SourceSize);
        Assert.Equal(0, sharp.Pixel(2, 1)[0]);
        Assert.Equal(0, sharp.Pixel(3, 1)[0]); // 0 - 200 / 4, kept at black
        Assert.Equal(250, sharp.Pixel(4, 1)[0]); // 400 - 150
        Assert.Equal(200, sharp.Pixel(5, 1)[0]);
    }

    private static void Fill(float[] map, int left, int top, int right, int bottom, float value)
    {
        for (var y = top; y < bottom; y++)
        {
            Array.Fill(map, value, (y * Side) + left, right - left);
        }
    }
}
