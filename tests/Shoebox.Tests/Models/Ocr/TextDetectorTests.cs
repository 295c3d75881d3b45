using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Unit)]
public sealed class TextDetectorTests
{
    [Theory]
    [InlineData(1280, 960, 960, 704)]
    [InlineData(800, 600, 800, 608)]
    [InlineData(20, 10, 32, 32)]
    public void InputSize_LongestSideAtMost960InMultiplesOf32(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), TextDetector.InputSize(width, height));
    }

    [Fact]
    public void Boxes_TextRegionOnTheMap_GrownBoxAroundIt()
    {
        var (width, height) = (64, 32);
        var map = new float[width * height];
        for (var y = 10; y < 20; y++)
        {
            for (var x = 10; x < 50; x++)
            {
                map[(y * width) + x] = 0.9f;
            }
        }

        var box = Assert.Single(TextDetector.Boxes(map, width, height, 2 * width, 2 * height));

        // 39 x 9 between pixel centres, grown by 39 * 9 * 1.5 / 96 = 5.5 on each side, then doubled.
        Assert.Equal(2 * (10 - 5.5f), box.TopLeft.X, 1f);
        Assert.Equal(2 * (49 + 5.5f), box.BottomRight.X, 1f);
        Assert.Equal(2 * (10 - 5.5f), box.TopLeft.Y, 1f);
        Assert.Equal(2 * (19 + 5.5f), box.BottomRight.Y, 1f);
    }

    [Fact]
    public void Boxes_WeakOrThinRegions_Dropped()
    {
        var (width, height) = (64, 32);
        var map = new float[width * height];
        for (var x = 5; x < 60; x++)
        {
            map[(3 * width) + x] = 0.9f; // one pixel high
            map[(20 * width) + x] = map[(21 * width) + x] = map[(22 * width) + x] = map[(23 * width) + x] = 0.4f; // above 0.3, below 0.6
        }

        Assert.Empty(TextDetector.Boxes(map, width, height, width, height));
    }

    [Fact]
    public void Enclosing_TurnedRectangle_FoundWithItsSides()
    {
        var angle = MathF.PI / 6;
        var (ux, uy) = (MathF.Cos(angle), MathF.Sin(angle));
        var points = new List<OcrPoint>();
        for (var a = 0; a <= 40; a++)
        {
            for (var b = 0; b <= 10; b++)
            {
                points.Add(new OcrPoint(100 + (a * ux) - (b * uy), 50 + (a * uy) + (b * ux)));
            }
        }

        var rect = RotatedRect.Enclosing(points);

        Assert.Equal(400, rect.Length * rect.Breadth, 1f);
        Assert.Equal(10, rect.ShortSide, 0.01f);
    }
}
