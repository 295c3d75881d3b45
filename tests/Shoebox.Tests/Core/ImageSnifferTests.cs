using System.Text;
using Shoebox.Core;

namespace Shoebox.Tests.Core;

[Tier(Tier.Unit)]
public class ImageSnifferTests
{
    [Theory]
    [InlineData("FFD8FFE000104A464946", ImageFormat.Jpeg)]
    [InlineData("89504E470D0A1A0A0000000D49484452", ImageFormat.Png)]
    [InlineData("474946383961", ImageFormat.Gif)]
    [InlineData("52494646000000005745425056503820", ImageFormat.WebP)]
    [InlineData("49492A0008000000", ImageFormat.Tiff)]
    [InlineData("4D4D002A00000008", ImageFormat.Tiff)]
    [InlineData("424D3A0000000000000036000000280000000100", ImageFormat.Bmp)]
    [InlineData("0000001866747970686569630000000068656963", ImageFormat.Heif)]
    [InlineData("000000206674797061766966000000006D696631", ImageFormat.Avif)]
    [InlineData("0000001C667479706D69663100000000686569636D696631", ImageFormat.Heif)]
    public void Detect_KnownSignature_ReturnsFormat(string hex, ImageFormat expected) =>
        Assert.Equal(expected, ImageSniffer.Detect(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("BM is what this note starts with")]
    [InlineData("<html><body>404</body></html>")]
    [InlineData("")]
    public void Detect_TextOrEmpty_ReturnsNull(string text) => Assert.Null(ImageSniffer.Detect(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Detect_Mp4Video_IsNotAnImage() =>
        Assert.Null(ImageSniffer.Detect(Convert.FromHexString("000000186674797069736F6D0000020069736F6D")));

    [Theory]
    [InlineData("a/IMG_0001.JPG", true)]
    [InlineData("a/b.heic", true)]
    [InlineData("a/IMG_1.CR3", true)]
    [InlineData("a/DSC_1.nef", true)]
    [InlineData("a/100_0001.DCR", true)]
    [InlineData("a/P1000001.RAW", true)]
    [InlineData("a/notes.txt", false)]
    [InlineData("a/photo.jpg.json", false)]
    public void HasImageExtension_ByName(string path, bool expected) => Assert.Equal(expected, ImageSniffer.HasImageExtension(path));
}
