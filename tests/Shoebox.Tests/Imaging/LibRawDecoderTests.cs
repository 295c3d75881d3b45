using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging;

/// <summary>LibRaw as installed on this machine (tools/test.sh installs it), developing DNGs the tests build.</summary>
[Tier(Tier.Unit)]
public class LibRawDecoderTests
{
    private readonly LibRawDecoder _decoder = new();

    // Red, green, blue and white quadrants (TestRaws): each pixel's strongest channel, or white where all are high.
    internal static void AssertQuadrants(RgbImage image, bool rotatedClockwise = false)
    {
        var (w, h) = (image.Width, image.Height);
        var (topLeft, topRight, bottomLeft, bottomRight) = rotatedClockwise
            ? ("blue", "red", "white", "green")
            : ("red", "green", "blue", "white");
        Assert.Equal(topLeft, ColourAt(image, w / 4, h / 4));
        Assert.Equal(topRight, ColourAt(image, w * 3 / 4, h / 4));
        Assert.Equal(bottomLeft, ColourAt(image, w / 4, h * 3 / 4));
        Assert.Equal(bottomRight, ColourAt(image, w * 3 / 4, h * 3 / 4));
    }

    private static string ColourAt(RgbImage image, int x, int y)
    {
        var p = image.Pixel(x, y);
        var (r, g, b) = (p[0], p[1], p[2]);
        return (r, g, b) switch
        {
            _ when r > 150 && g > 150 && b > 150 => "white",
            _ when r > 120 && g < 90 && b < 90 => "red",
            _ when g > 120 && r < 90 && b < 90 => "green",
            _ when b > 120 && r < 90 && g < 90 => "blue",
            _ => $"({r},{g},{b})",
        };
    }

    [Fact]
    public void IsAvailable_LibRawInstalled_True()
    {
        Assert.True(_decoder.IsAvailable, "LibRaw is not installed here: tools/test.sh installs libraw20");
        Assert.Matches(@"^0\.\d+", _decoder.Version);
    }

    [Fact]
    public void Decode_LinearDng_SameColoursAndShape()
    {
        using var temp = new TempFolder();
        var path = TestRaws.LinearDng(temp["linear.dng"], 120, 80);

        var image = _decoder.Decode(path, 1000, Fit.Within);

        Assert.Equal((120, 80), (image.Width, image.Height));
        Assert.Equal((120, 80), image.SourceSize);
        AssertQuadrants(image);
    }

    [Fact]
    public void Decode_LinearDngSmallerSize_ShrunkKeepingColours()
    {
        using var temp = new TempFolder();
        var path = TestRaws.LinearDng(temp["linear.dng"], 120, 80);

        var image = _decoder.Decode(path, 30, Fit.Within);

        Assert.Equal((30, 20), (image.Width, image.Height));
        Assert.Equal((120, 80), image.SourceSize);
        AssertQuadrants(image);
    }

    [Fact]
    public void Decode_BayerDng_DevelopedWithColours()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96);

        var image = _decoder.Decode(path, 1000, Fit.Within);

        Assert.Equal((128, 96), (image.Width, image.Height));
        AssertQuadrants(image);
    }

    [Fact]
    public void Develop_BayerDngHalfEnough_DevelopsAtHalfSize()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96);

        var half = _decoder.Develop(path, 40, Fit.Cover);
        var full = _decoder.Develop(path, 60, Fit.Cover);

        Assert.Equal((64, 48), (half.Width, half.Height));
        Assert.Equal((128, 96), half.SourceSize);
        AssertQuadrants(half);
        Assert.Equal((128, 96), (full.Width, full.Height));
    }

    [Fact]
    public void Decode_Orientation6_ComesOutUpright()
    {
        using var temp = new TempFolder();
        var path = TestRaws.LinearDng(temp["rotated.dng"], 120, 80, orientation: 6);

        var image = _decoder.Decode(path, 1000, Fit.Within);

        Assert.Equal((80, 120), (image.Width, image.Height));
        Assert.Equal((80, 120), image.SourceSize);
        AssertQuadrants(image, rotatedClockwise: true);
    }

    [Theory]
    [InlineData(1, 128, 96)]
    [InlineData(3, 128, 96)]
    [InlineData(6, 96, 128)]
    [InlineData(8, 96, 128)]
    public void ReadHeader_BayerDng_UprightSizeAndOrientationWithoutDeveloping(int orientation, int width, int height)
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96, orientation);

        var header = _decoder.ReadHeader(path, ImageFormat.Dng);

        Assert.Equal(new ImageHeader(width, height, orientation, ImageFormat.Dng), header);
        Assert.Equal((width, height), _decoder.Decode(path, 1000, Fit.Within).SourceSize);
    }

    [Fact]
    public void ReadHeader_LibRawMissing_SaysHowToInstallIt()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96);

        var error = Assert.Throws<BadImageException>(() => new LibRawDecoder(TestRaws.WithoutLibRaw).ReadHeader(path, ImageFormat.Dng));

        Assert.Equal($"cannot decode: {LibRawDecoder.InstallHint}", error.Message);
    }

    [Fact]
    public void Decode_TruncatedDng_ReasonNotCrash()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["cut.dng"], 128, 96);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<BadImageException>(() => _decoder.Decode(path, 100, Fit.Within));

        Assert.Equal("cannot decode: the raw file ends early or cannot be read (truncated?)", error.Message);
    }

    [Fact]
    public void ReadHeaderAndDecode_SensorDataCutToAFewBytes_RefusedNotDevelopedBlack()
    {
        using var temp = new TempFolder();
        var path = temp["IMG_1.CR2"];
        File.WriteAllBytes(path, RawContainers.Cr2([0xFF, 0xD8, 0xFF], 1800, 1200, new RawContainers.Shot("Canon", "Canon EOS R6", new DateTime(2020, 1, 2))));

        var header = Assert.Throws<BadImageException>(() => _decoder.ReadHeader(path, ImageFormat.Cr2));
        var decode = Assert.Throws<BadImageException>(() => _decoder.Decode(path, 100, Fit.Within));

        Assert.Matches(@"^cannot decode: the raw file is \d+ bytes, too few for the 1800 x 1200 pixels of its sensor \(truncated\?\)$", header.Message);
        Assert.Equal(header.Message, decode.Message);
    }

    [Fact]
    public void Decode_NotARaw_SaysLibRawDoesNotReadIt()
    {
        using var temp = new TempFolder();
        var path = temp["noise.cr2"];
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 251))]);

        var error = Assert.Throws<BadImageException>(() => _decoder.Decode(path, 100, Fit.Within));

        Assert.Contains("LibRaw does not read this file", error.Message);
    }

    [Fact]
    public void Decode_OverPixelLimit_RefusedBeforeDeveloping()
    {
        using var temp = new TempFolder();
        var path = TestRaws.LinearDng(temp["big.dng"], 120, 80);
        var decoder = new LibRawDecoder(new DecodeOptions { MaxPixels = 5000 });

        var error = Assert.Throws<BadImageException>(() => decoder.Decode(path, 100, Fit.Within));

        Assert.Contains("over the limit", error.Message);
    }

    [Fact]
    public void Decode_LibRawMissingThenInstalled_InstallReasonThenDecodes()
    {
        using var temp = new TempFolder();
        var path = TestRaws.LinearDng(temp["linear.dng"], 120, 80);
        var missing = new LibRawDecoder(TestRaws.WithoutLibRaw);
        var installed = new LibRawDecoder(new DecodeOptions { LibRawNames = ["libraw-not-here.so.99", .. NativeLibraries.Raw] });

        var error = Assert.Throws<BadImageException>(() => missing.Decode(path, 100, Fit.Within));
        var image = installed.Decode(path, 100, Fit.Within);

        Assert.False(missing.IsAvailable);
        Assert.Contains("install it (Debian/Ubuntu: apt install libraw20 or libraw23; macOS: brew install libraw)", error.Message);
        Assert.Equal((100, 67), (image.Width, image.Height));
    }

    [Fact]
    public async Task Decode_ManyAtOnce_EachGetsItsOwnHandle()
    {
        using var temp = new TempFolder();
        var linear = TestRaws.LinearDng(temp["linear.dng"], 120, 80);
        var bayer = TestRaws.BayerDng(temp["bayer.dng"], 128, 96);

        var images = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => _decoder.Decode(i % 2 == 0 ? linear : bayer, 64, Fit.Within))));

        Assert.All(images, image => AssertQuadrants(image));
    }
}
