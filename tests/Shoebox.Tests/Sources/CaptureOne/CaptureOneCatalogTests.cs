using Shoebox.Sources.CaptureOne;
using Shoebox.Tests.Fixtures;
using static Shoebox.Tests.Sources.CaptureOne.CaptureOneCatalogFixture;

namespace Shoebox.Tests.Sources.CaptureOne;

[Tier(Tier.Unit)]
public class CaptureOneCatalogTests
{
    private static IReadOnlyList<CaptureOneImage> Read(string database, out IReadOnlyList<string> smartAlbums)
    {
        using var catalog = CaptureOneCatalog.Open(database);
        var images = catalog.ReadImages();
        smartAlbums = catalog.SmartAlbums;
        return images;
    }

    [Theory]
    [InlineData(Version12)]
    [InlineData(Version16)]
    public void ReadImages_EitherRelease_ReadsTheCombinedLayersMetadata(string version)
    {
        using var temp = new TempFolder();
        var database = temp["Trips.cocatalog/Trips.cocatalogdb"];
        using (var c1 = new CaptureOneCatalogFixture(database, version))
        {
            var drive = c1.Location(@"2023\Norway", windowsRoot: @"P:\", macRoot: "/Volumes/Photos");
            c1.Image("IMG_0001.CR3", drive, new CaptureOneMeta(4, 1, "fjord||0,boat||1", "Ferry to Flåm", "Morning crossing", "Oslo"),
                taken: new DateTime(2023, 6, 1, 12, 30, 15), latitude: 59.945905, longitude: -10.752056, camera: "Canon EOS R5", lens: "RF24-105mm F4 L IS USM");
        }

        var image = Assert.Single(Read(database, out _));

        Assert.Equal("IMG_0001.CR3", image.FileName);
        var facts = image.Facts;
        Assert.Equal(("capture-one", true), (facts.Source, facts.Overrides));
        Assert.Equal((4, "red"), (facts.Rating, facts.Label));
        Assert.Equal(["fjord", "boat"], facts.Keywords);
        Assert.Equal(("Ferry to Flåm", "Morning crossing"), (facts.Description, facts.Title));
        Assert.Equal(["Oslo"], facts.Places);
        Assert.Equal(new DateTime(2023, 6, 1, 12, 30, 15), facts.TakenAt);
        Assert.Equal(59.945905, facts.Latitude!.Value, 4);
        Assert.Equal(-10.752056, facts.Longitude!.Value, 4);
        Assert.Equal(("Canon EOS R5", "RF24-105mm F4 L IS USM"), (facts.CameraModel, facts.Lens));
        Assert.Equal(new CaptureOneFolder(false, @"2023\Norway", @"P:\", "/Volumes/Photos", null), image.Folder);
    }

    [Theory]
    [InlineData(Version12)]
    [InlineData(Version16)]
    public void ReadImages_AlbumsProjectsAndSmartAlbums_MembersByBothTablesWithFolderPaths(string version)
    {
        using var temp = new TempFolder();
        var database = temp["Trips.cocatalog/Trips.cocatalogdb"];
        long byVariant, byImage, outside;
        using (var c1 = new CaptureOneCatalogFixture(database, version))
        {
            var folder = c1.Location("Photos", macRoot: "/Volumes/Photos");
            var group = c1.Collection("Portfolio", "GroupCollection");
            var weddings = c1.Collection("Weddings", "AlbumCollection", group);
            var project = c1.Collection("Client Work", "ProjectCollection");
            var smart = c1.Collection("Five stars", "SmartAlbumCollection", group, "<MatchOperator Kind=\"AND\"/>");
            var (first, firstVariant) = c1.Image("a.jpg", folder);
            var (second, _) = c1.Image("b.jpg", folder);
            (outside, _) = c1.Image("c.jpg", folder);
            c1.AddVariant(weddings, firstVariant);
            c1.AddImage(project, second);
            c1.AddImage(smart, outside); // smart albums hold no members; one that did would still not count
            (byVariant, byImage) = (first, second);
        }

        var images = Read(database, out var smartAlbums).ToDictionary(i => i.Id);

        Assert.Equal(["Portfolio/Weddings"], images[byVariant].Facts.Albums);
        Assert.Equal(["Client Work"], images[byImage].Facts.Albums);
        Assert.Empty(images[outside].Facts.Albums);
        Assert.Equal(["Portfolio/Five stars"], smartAlbums);
    }

    [Theory]
    [InlineData(Version12)]
    [InlineData(Version16)]
    public void ReadImages_TrashedImageAndSecondVariant_TrashLeftOutAndVariantsOnePhoto(string version)
    {
        using var temp = new TempFolder();
        var database = temp["Session/Session.cosessiondb"];
        using (var c1 = new CaptureOneCatalogFixture(database, version))
        {
            var folder = c1.Location("Capture", relative: true);
            var (kept, _) = c1.Image("kept.jpg", folder, new CaptureOneMeta(Keywords: "first||0"));
            var second = c1.Variant(kept, 1, new CaptureOneMeta(Rating: 5, Color: 4, Keywords: "second||0,first||1"));
            var album = c1.Collection("Selects", "AlbumCollection");
            c1.AddVariant(album, second);
            c1.Image("thrown.jpg", folder, trashed: true);
        }

        var image = Assert.Single(Read(database, out _));

        Assert.Equal("kept.jpg", image.FileName);
        Assert.Equal(2, image.Variants.Count);
        Assert.Equal(["first", "second"], image.Facts.Keywords);
        Assert.Equal((5, "green"), (image.Facts.Rating, image.Facts.Label)); // the first variant has none: the next one's
        Assert.Equal(["Selects"], image.Facts.Albums);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a database, just text")]
    public void Open_EmptyOrDamagedFile_ThrowsInvalidDataNamingIt(string content)
    {
        using var temp = new TempFolder();
        var database = temp["Broken.cocatalog/Broken.cocatalogdb"];
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        File.WriteAllText(database, content);

        var error = Assert.Throws<InvalidDataException>(() => CaptureOneCatalog.Open(database).Dispose());

        Assert.Contains($"{database} is not a Capture One catalog", error.Message, StringComparison.Ordinal);
        Assert.Equal([database], Directory.EnumerateFileSystemEntries(temp["Broken.cocatalog"]));
    }
}
