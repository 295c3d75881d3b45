using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging.Raw;

/// <summary>A raw with no embedded preview (a Bayer DNG as cameras write it) read through the decoder every stage uses.</summary>
[Tier(Tier.Unit)]
public class RawWithoutPreviewTests
{
    [Fact]
    public void ReadHeader_BayerDngWithoutPreview_LibRawGivesItsUprightSize()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96, orientation: 6);

        var header = new ImageDecoder().ReadHeader(path);

        Assert.Equal(new ImageHeader(96, 128, 6, ImageFormat.Dng), header);
    }

    [Fact]
    public void Decode_BayerDngWithoutPreview_DevelopedByLibRawUpright()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96, orientation: 6);

        var image = new ImageDecoder().Decode(path, 48, Fit.Within);

        Assert.Equal((36, 48), (image.Width, image.Height));
        Assert.Equal((96, 128), image.SourceSize);
        LibRawDecoderTests.AssertQuadrants(image, rotatedClockwise: true);
    }

    [Fact]
    public void Decode_BayerDngWithoutPreviewNorLibRaw_OneReasonSayingBothAndHowToInstall()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["bayer.dng"], 128, 96);
        var header = new ImageDecoder().ReadHeader(path);

        var error = Assert.Throws<BadImageException>(() => new ImageDecoder(TestRaws.WithoutLibRaw).Decode(path, header, 48, Fit.Within));

        Assert.StartsWith("no usable embedded preview", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; cannot decode: {LibRawDecoder.InstallHint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedBayerDngWithoutPreview_PreviewReasonAndLibRawReason()
    {
        using var temp = new TempFolder();
        var path = TestRaws.BayerDng(temp["cut.dng"], 128, 96);
        var header = new ImageDecoder().ReadHeader(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<BadImageException>(() => new ImageDecoder().Decode(path, header, 48, Fit.Within));

        Assert.StartsWith("no usable embedded preview", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; cannot decode: the raw file ends early or cannot be read (truncated?)", error.Message, StringComparison.Ordinal);
    }
}
