using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;
using NetVips;
using Shoebox.Sources.Lightroom;
using Shoebox.Tests.Fixtures;
using Directory = MetadataExtractor.Directory;

namespace Shoebox.Tests.Sources.Lightroom;

[Tier(Tier.Unit)]
public class UprightJpegTests
{
    private static readonly PreviewMetadata Tagged = new(
        new DateTime(2021, 6, 5, 14, 3, 22),
        ["Paris", "Places|France|Lyon", "Café"],
        "Breakfast on the terrace",
        "Morning <light> & coffee");

    private static LargestPreview Preview(int orientation, int width = 120, int height = 80) =>
        new("9F1C2D3E-0000-4000-8000-000000000001", LightroomFixture.Jpeg(width, height), orientation, width, height);

    private static double[] PixelAt(Image image, int x, int y) => image.Getpoint(x, y);

    [Fact]
    public void Write_OrientationSix_TurnsThePixelsUpright()
    {
        using var temp = new TempFolder();
        var path = temp["out/upright.jpg"];

        UprightJpeg.Write(Preview(6), PreviewMetadata.None, path);

        using var image = Image.NewFromFile(path);
        Assert.Equal((80, 120), (image.Width, image.Height));
        // The stored left half (red) is on top once turned a quarter clockwise; the right half (blue) below.
        var top = PixelAt(image, 40, 20);
        var bottom = PixelAt(image, 40, 100);
        Assert.True(top[0] > 180 && top[2] < 80, $"top is {string.Join(",", top)}");
        Assert.True(bottom[2] > 180 && bottom[0] < 80, $"bottom is {string.Join(",", bottom)}");
        var ifd0 = ImageMetadataReader.ReadMetadata(path).OfType<ExifIfd0Directory>().Single();
        Assert.Equal(1, ifd0.GetInt32(ExifDirectoryBase.TagOrientation));
    }

    [Fact]
    public void Write_OrientationThree_TurnsHalfway()
    {
        using var temp = new TempFolder();
        var path = temp["upside-down.jpg"];

        UprightJpeg.Write(Preview(3), PreviewMetadata.None, path);

        using var image = Image.NewFromFile(path);
        Assert.Equal((120, 80), (image.Width, image.Height));
        Assert.True(PixelAt(image, 10, 40)[2] > 180, "blue, the stored right half, is now on the left");
    }

    [Fact]
    public void Write_Metadata_ReadsBackAsExifAndXmp()
    {
        using var temp = new TempFolder();
        var path = temp["tagged.jpg"];

        UprightJpeg.Write(Preview(1), Tagged, path);

        var directories = ImageMetadataReader.ReadMetadata(path);
        var subIfd = directories.OfType<ExifSubIfdDirectory>().Single();
        Assert.Equal(new DateTime(2021, 6, 5, 14, 3, 22), subIfd.GetDateTime(ExifDirectoryBase.TagDateTimeOriginal));
        var ifd0 = directories.OfType<ExifIfd0Directory>().Single();
        Assert.Equal("Breakfast on the terrace", ifd0.GetString(ExifDirectoryBase.TagImageDescription));
        var xmp = directories.OfType<XmpDirectory>().Single().GetXmpProperties();
        Assert.Equal(["Paris", "Lyon", "Café"], Items(xmp, "dc:subject"));
        Assert.Equal(["Paris", "Places|France|Lyon", "Café"], Items(xmp, "lr:hierarchicalSubject"));
        Assert.Equal("Breakfast on the terrace", xmp["dc:description[1]"]);
        Assert.Equal("Morning <light> & coffee", xmp["dc:title[1]"]);
    }

    [Fact]
    public void Write_NoKeywords_WritesNoHierarchy()
    {
        using var temp = new TempFolder();
        var path = temp["plain.jpg"];

        UprightJpeg.Write(Preview(1), new PreviewMetadata(null, ["Beach"], null, null), path);

        var xmp = ImageMetadataReader.ReadMetadata(path).OfType<XmpDirectory>().Single().GetXmpProperties();
        Assert.Equal(["Beach"], Items(xmp, "dc:subject"));
        Assert.DoesNotContain(xmp.Keys, k => k.StartsWith("lr:", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ExistingFile_IsReplacedAndNoTemporaryFileIsLeft()
    {
        using var temp = new TempFolder();
        var path = temp["same.jpg"];
        File.WriteAllText(path, "old");

        UprightJpeg.Write(Preview(1), PreviewMetadata.None, path);

        Assert.Equal(["same.jpg"], System.IO.Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        using var image = Image.NewFromFile(path);
        Assert.Equal(120, image.Width);
    }

    [Fact]
    public void Write_UndecodablePreview_ThrowsAClearErrorAndWritesNothing()
    {
        using var temp = new TempFolder();
        var path = temp["broken.jpg"];
        var broken = new LargestPreview("X", [0xFF, 0xD8, 0xFF, 0xD9], 1, 10, 10);

        var error = Assert.Throws<LightroomPreviewException>(() => UprightJpeg.Write(broken, PreviewMetadata.None, path));

        Assert.Contains("cannot be decoded", error.Message);
        Assert.Empty(System.IO.Directory.GetFiles(temp.Path));
    }

    private static List<string> Items(IDictionary<string, string> xmp, string array) =>
        xmp.Where(p => p.Key.StartsWith(array + "[", StringComparison.Ordinal))
            .OrderBy(p => int.Parse(p.Key[(array.Length + 1)..^1], System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => p.Value).ToList();
}
