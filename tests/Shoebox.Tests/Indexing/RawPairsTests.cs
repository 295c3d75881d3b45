using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

[Tier(Tier.Unit)]
public class RawPairsTests
{
    [Theory]
    [InlineData("/p/IMG_1.CR2", ImageFormat.Tiff, true)]
    [InlineData("/p/img_1.nef", ImageFormat.Tiff, true)]
    [InlineData("/p/DSC_1.Dng", ImageFormat.Tiff, true)]
    [InlineData("/p/IMG_1.JPG", ImageFormat.Jpeg, false)]
    [InlineData("/p/scan.tif", ImageFormat.Tiff, false)]
    [InlineData("/p/B0000001.FFF", ImageFormat.Tiff, true)]
    [InlineData("/p/IMG_1.bin", ImageFormat.Cr3, true)]
    [InlineData("/p/still.avif", ImageFormat.Avif, false)]
    public void IsRaw_ByName_RawExtensionsInAnyCase(string path, ImageFormat sniffed, bool expected) =>
        Assert.Equal(expected, RawPairs.IsRaw(path, sniffed));

    [Fact]
    public void Key_RawAndJpegOfOneShot_SameKeyWhateverTheCase()
    {
        Assert.Equal(RawPairs.Key("/p/IMG_1.CR2"), RawPairs.Key("/p/img_1.jpg"));
        Assert.NotEqual(RawPairs.Key("/p/IMG_1.CR2"), RawPairs.Key("/q/IMG_1.JPG"));
        Assert.NotEqual(RawPairs.Key("/p/IMG_1.CR2"), RawPairs.Key("/p/IMG_11.JPG"));
    }

    [Fact]
    public void RenderedBeside_JpegOrHeicOfTheSameName_Found()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["IMG_1.CR2"], [1]);
        File.WriteAllBytes(temp["IMG_1.HEIC"], [1]);
        File.WriteAllBytes(temp["IMG_2.CR2"], [1]);

        Assert.Equal(temp["IMG_1.HEIC"], RawPairs.RenderedBeside(temp["IMG_1.CR2"]));
        Assert.Null(RawPairs.RenderedBeside(temp["IMG_2.CR2"]));
    }

    [Fact]
    public void SameShot_NoCaptureTime_NotTheSameShot()
    {
        using var temp = new TempFolder();
        var raw = TestRaws.LinearDng(temp["IMG_1.DNG"], 16, 16, taken: null);
        var jpeg = TestRaws.CameraJpeg(temp["IMG_1.JPG"], 16, 16, taken: null);

        Assert.False(RawPairs.SameShot(raw, jpeg));
    }

    [Fact]
    public void SameShot_SameTimeAndCameraInOtherCase_TheSameShot()
    {
        using var temp = new TempFolder();
        var raw = TestRaws.LinearDng(temp["IMG_1.DNG"], 16, 16, taken: "2024:05:17 10:11:12", make: "CANON", model: "EOS R5");
        var jpeg = TestRaws.CameraJpeg(temp["IMG_1.JPG"], 16, 16, "2024:05:17 10:11:12", make: "Canon", model: "EOS R5 ");

        Assert.True(RawPairs.SameShot(raw, jpeg));
    }
}
