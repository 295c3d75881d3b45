using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging;

[Tier(Tier.Unit)]
public class JpegQualityTests
{
    [Theory]
    [InlineData(35)]
    [InlineData(75)]
    [InlineData(90)]
    [InlineData(98)]
    public void Estimate_JpegSavedAtAQuality_GivesItBack(int quality)
    {
        using var temp = new TempFolder();
        using var scene = Scenes.Draw(seed: 3);

        var estimate = JpegQuality.Estimate(Scenes.Save(scene, temp["a.jpg"], quality));

        Assert.NotNull(estimate);
        Assert.InRange(estimate.Value, quality - 1, quality + 1);
    }

    [Fact]
    public void Estimate_TablesAfterLargeMetadataBlocks_AreStillFound()
    {
        using var temp = new TempFolder();
        using var scene = Scenes.Draw(seed: 3);
        var plain = File.ReadAllBytes(Scenes.Save(scene, temp["plain.jpg"], 60));
        // Three application segments of 60 KB each between the start marker and the tables, as big EXIF, XMP and
        // ICC blocks put them.
        using var file = new MemoryStream();
        file.Write(plain.AsSpan(0, 2));
        for (var app = 0; app < 3; app++)
        {
            file.Write([0xFF, (byte)(0xE2 + app), 0xEA, 0x62]);
            file.Write(new byte[0xEA62 - 2]);
        }
        file.Write(plain.AsSpan(2));
        File.WriteAllBytes(temp["described.jpg"], file.ToArray());

        Assert.InRange(JpegQuality.Estimate(temp["described.jpg"]) ?? 0, 59, 61);
    }

    [Fact]
    public void Estimate_NotAJpeg_IsNull()
    {
        using var temp = new TempFolder();
        using var scene = Scenes.Draw(seed: 3);

        Assert.Null(JpegQuality.Estimate(Scenes.Save(scene, temp["a.png"])));
        Assert.Null(JpegQuality.Estimate(temp["missing.jpg"]));
        Assert.Null(JpegQuality.Estimate([0xFF, 0xD8, 0xFF, 0xDB, 0x00]));
    }
}
