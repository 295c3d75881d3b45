using NetVips;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging;

[Tier(Tier.Unit)]
public class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new();

    private static void SaveSolid(string path, int width, int height, double[] colour, Enums.Interpretation? interpretation = null, Enums.BandFormat? format = null)
    {
        using var black = Image.Black(width, height, bands: colour.Length);
        using var solid = black + colour;
        using var cast = solid.Cast(format ?? Enums.BandFormat.Uchar);
        using var tagged = interpretation is { } i ? cast.Copy(interpretation: i) : cast.Copy();
        tagged.WriteToFile(path);
    }

    private static void AssertColour(RgbImage image, int x, int y, int r, int g, int b, int tolerance = 3)
    {
        var pixel = image.Pixel(x, y);
        Assert.True(Math.Abs(pixel[0] - r) <= tolerance && Math.Abs(pixel[1] - g) <= tolerance && Math.Abs(pixel[2] - b) <= tolerance,
            $"pixel ({x},{y}) is ({pixel[0]},{pixel[1]},{pixel[2]}), expected about ({r},{g},{b})");
    }

    [Fact]
    public void Decode_ExifOrientation6_PixelsComeOutUpright()
    {
        using var temp = new TempFolder();
        // Stored landscape: left half red, right half blue. Orientation 6 means "rotate 90° clockwise to view",
        // so the viewer sees a portrait image with red on top.
        using var red = Image.Black(100, 100, bands: 3) + new double[] { 255, 0, 0 };
        using var blue = Image.Black(100, 100, bands: 3) + new double[] { 0, 0, 255 };
        using var stored = red.Join(blue, Enums.Direction.Horizontal).Cast(Enums.BandFormat.Uchar);
        using var tagged = stored.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        var path = temp["rotated.jpg"];
        tagged.Jpegsave(path);

        var header = _decoder.ReadHeader(path);
        var image = _decoder.Decode(path, 1000, Fit.Within);

        Assert.Equal((100, 200, 6), (header.Width, header.Height, header.Orientation));
        Assert.Equal((100, 200), (image.Width, image.Height));
        AssertColour(image, 50, 20, 255, 0, 0, tolerance: 40);
        AssertColour(image, 50, 180, 0, 0, 255, tolerance: 40);
    }

    [Fact]
    public void Decode_TwelveMegapixelJpegCover224_ShorterSideIs224()
    {
        using var temp = new TempFolder();
        var path = TestImages.Jpeg(temp["big.jpg"], 4000, 3000);

        var image = _decoder.Decode(path, 224, Fit.Cover);

        Assert.Equal(224, image.Height);
        Assert.InRange(image.Width, 298, 300);
    }

    [Fact]
    public void Decode_SmallImage_IsNeverEnlarged()
    {
        using var temp = new TempFolder();
        var path = TestImages.Png(temp["small.png"], 40, 30);

        var within = _decoder.Decode(path, 1280, Fit.Within);
        var cover = _decoder.Decode(path, 224, Fit.Cover);

        Assert.Equal((40, 30), (within.Width, within.Height));
        Assert.Equal((40, 30), (cover.Width, cover.Height));
    }

    [Fact]
    public void Decode_TransparentPng_IsCompositedOnWhite()
    {
        using var temp = new TempFolder();
        var path = temp["transparent.png"];
        SaveSolid(path, 20, 20, [255, 0, 0, 0]); // red, fully transparent

        var image = _decoder.Decode(path, 64, Fit.Within);

        AssertColour(image, 10, 10, 255, 255, 255);
    }

    [Fact]
    public void Decode_HalfTransparentPng_BlendsWithWhite()
    {
        using var temp = new TempFolder();
        var path = temp["half.png"];
        SaveSolid(path, 20, 20, [0, 0, 0, 128]);

        var image = _decoder.Decode(path, 64, Fit.Within);

        AssertColour(image, 10, 10, 127, 127, 127, tolerance: 4);
    }

    [Fact]
    public void Decode_Greyscale_BecomesThreeEqualChannels()
    {
        using var temp = new TempFolder();
        var path = temp["grey.png"];
        SaveSolid(path, 20, 20, [128], Enums.Interpretation.Bw);

        var image = _decoder.Decode(path, 64, Fit.Within);

        AssertColour(image, 5, 5, 128, 128, 128);
    }

    [Fact]
    public void Decode_SixteenBitRgb_IsScaledToEightBit()
    {
        using var temp = new TempFolder();
        var path = temp["deep.png"];
        SaveSolid(path, 20, 20, [65535, 32768, 0], Enums.Interpretation.Rgb16, Enums.BandFormat.Ushort);

        var image = _decoder.Decode(path, 64, Fit.Within);

        AssertColour(image, 5, 5, 255, 128, 0);
    }

    [Fact]
    public void Decode_CmykJpeg_IsConvertedToRgb()
    {
        using var temp = new TempFolder();
        var path = temp["cmyk.jpg"];
        SaveSolid(path, 20, 20, [0, 255, 255, 0], Enums.Interpretation.Cmyk); // full magenta and yellow: red

        var image = _decoder.Decode(path, 64, Fit.Within);

        var pixel = image.Pixel(10, 10);
        Assert.True(pixel[0] > 180 && pixel[1] < 90 && pixel[2] < 90, $"expected red, got ({pixel[0]},{pixel[1]},{pixel[2]})");
    }

    [Fact]
    public void Decode_PngClaiming50000Squared_IsRefusedBeforeDecoding()
    {
        using var temp = new TempFolder();
        var path = TestImages.PngClaimingSize(temp["bomb.png"], 50_000, 50_000);

        var error = Assert.Throws<BadImageException>(() => _decoder.Decode(path, 320, Fit.Within));

        Assert.Contains("50000 x 50000", error.Message);
        Assert.Contains("over the limit", error.Message);
    }

    [Fact]
    public void Decode_PixelLimitIsConfigurable()
    {
        using var temp = new TempFolder();
        var path = TestImages.Jpeg(temp["medium.jpg"], 2000, 1000);

        var error = Assert.Throws<BadImageException>(() => new ImageDecoder(new DecodeOptions { MaxPixels = 1_000_000 }).ReadHeader(path));

        Assert.Contains("over the limit of 1 MP", error.Message);
    }

    [Fact]
    public void Decode_TruncatedJpeg_FailsWithReason()
    {
        using var temp = new TempFolder();
        var path = TestImages.TruncatedJpeg(temp["cut.jpg"]);

        var error = Assert.Throws<BadImageException>(() => _decoder.Decode(path, 320, Fit.Within));

        Assert.StartsWith("cannot decode", error.Message);
        Assert.DoesNotContain(path, error.Message);
    }

    [Fact]
    public void Decode_TextFile_FailsWithReason()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["note.jpg"], "not a picture");

        Assert.Throws<BadImageException>(() => _decoder.Decode(temp["note.jpg"], 320, Fit.Within));
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("webp")]
    [InlineData("tiff")]
    [InlineData("bmp")]
    public void Decode_OtherFormats_Decode(string format)
    {
        using var temp = new TempFolder();
        var path = temp[$"image.{format}"];
        _ = format switch
        {
            "gif" => TestImages.Gif(path),
            "webp" => TestImages.WebP(path),
            "tiff" => TestImages.Tiff(path),
            _ => TestImages.Bmp(path),
        };

        var image = _decoder.Decode(path, 320, Fit.Within);

        Assert.True(image.Width > 0 && image.Height > 0);
    }
}
