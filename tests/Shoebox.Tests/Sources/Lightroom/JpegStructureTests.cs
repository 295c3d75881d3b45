using Shoebox.Sources.Lightroom;

namespace Shoebox.Tests.Sources.Lightroom;

[Tier(Tier.Unit)]
public class JpegStructureTests
{
    /// <summary>A JPEG carrying another one (an EXIF-style thumbnail) inside an APP1 segment.</summary>
    private static byte[] WithThumbnail()
    {
        var outer = LightroomFixture.Jpeg(64, 48);
        var thumbnail = LightroomFixture.Jpeg(16, 12);
        var payload = "Exif\0\0"u8.ToArray().Concat(thumbnail).ToArray();
        var segment = new byte[] { 0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2) }.Concat(payload);
        return [.. outer[..2], .. segment, .. outer[2..]];
    }

    [Fact]
    public void Carve_JpegWithEmbeddedThumbnail_ReturnsTheWholeOuterJpeg()
    {
        var jpeg = WithThumbnail();
        byte[] file = [.. new byte[40], .. jpeg, .. "AgHg"u8.ToArray(), .. new byte[28]];

        var carved = JpegStructure.Carve(file, 0, onlyComplete: false);

        Assert.Equal(jpeg, Assert.Single(carved));
    }

    [Fact]
    public void Carve_OnlyComplete_SkipsAJpegCutShort()
    {
        var whole = LightroomFixture.Jpeg(32, 32);
        var cut = LightroomFixture.Jpeg(64, 64);
        byte[] file = [.. whole, .. cut.AsSpan(0, cut.Length - 3)];

        Assert.Equal(2, JpegStructure.Carve(file, 0, onlyComplete: false).Count);
        Assert.Equal(whole, Assert.Single(JpegStructure.Carve(file, 0, onlyComplete: true)));
    }

    [Fact]
    public void WithEndMarker_JpegLackingEoi_GetsOne()
    {
        var jpeg = LightroomFixture.Jpeg(32, 32);

        var fixedJpeg = JpegStructure.WithEndMarker(jpeg.AsSpan(0, jpeg.Length - 2), out var appended);

        Assert.True(appended);
        Assert.Equal(jpeg, fixedJpeg);
    }
}
