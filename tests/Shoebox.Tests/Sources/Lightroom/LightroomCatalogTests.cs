using Shoebox.Sources.Lightroom;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.Lightroom;

[Tier(Tier.Unit)]
public class LightroomCatalogTests
{
    private static IReadOnlyList<LightroomImage> Read(string catalogPath)
    {
        using var catalog = LightroomCatalog.Open(catalogPath);
        return catalog.ReadImages();
    }

    [Fact]
    public void ReadImages_RootsFoldersAndFiles_JoinToOriginalPaths()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var unix = lrcat.Root("/Volumes/Photos/");
            var windows = lrcat.Root("D:/Pictures/");
            lrcat.Image(lrcat.Folder(unix, "2023/Trip/"), "IMG_0001", "CR3");
            lrcat.Image(lrcat.Folder(unix, ""), "top", "jpg");
            lrcat.Image(lrcat.Folder(windows, "Family/"), "DSC_7", "NEF");
        }

        var images = Read(temp["Main.lrcat"]);

        Assert.Equal(["/Volumes/Photos/2023/Trip/IMG_0001.CR3", "/Volumes/Photos/top.jpg", "D:/Pictures/Family/DSC_7.NEF"],
            images.Select(i => i.OriginalPath));
        Assert.Equal(["/Volumes/Photos", "/Volumes/Photos", "D:/Pictures"], images.Select(i => i.RootFolder));
    }

    [Fact]
    public void ReadImages_CaptureTimeRatingPickOrientation_ReadAsLightroomShowsThem()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var folder = lrcat.Folder(lrcat.Root("/p/"), "");
            lrcat.Image(folder, "a", "jpg", captureTime: "2019-07-14T15:30:12.34", rating: 4, pick: 1, orientation: "BC");
            lrcat.Image(folder, "b", "jpg", captureTime: "2020-01-02T03:04:05", rating: 0, pick: -1, orientation: "DA");
            lrcat.Image(folder, "c", "jpg", captureTime: null, rating: null, pick: 0, orientation: null);
        }

        var images = Read(temp["Main.lrcat"]);

        Assert.Equal(new DateTime(2019, 7, 14, 15, 30, 12, 340), images[0].CaptureTime);
        Assert.Equal(DateTimeKind.Unspecified, images[0].CaptureTime!.Value.Kind);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5), images[1].CaptureTime);
        Assert.Null(images[2].CaptureTime);
        Assert.Equal([4, null, null], images.Select(i => i.Rating));
        Assert.Equal([1, -1, 0], images.Select(i => i.Pick));
        Assert.Equal([6, 8, null], images.Select(i => i.Orientation));
    }

    [Fact]
    public void ReadImages_ColourLabels_ByNameInLowerCase()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var folder = lrcat.Folder(lrcat.Root("/p/"), "");
            var red = lrcat.Image(folder, "a", "jpg");
            var custom = lrcat.Image(folder, "b", "jpg");
            lrcat.Image(folder, "c", "jpg");
            lrcat.Execute("UPDATE Adobe_images SET colorLabels = 'Red' WHERE id_local = $id", ("$id", red));
            lrcat.Execute("UPDATE Adobe_images SET colorLabels = ' To Print ' WHERE id_local = $id", ("$id", custom));
        }

        Assert.Equal(["red", "to print", null], Read(temp["Main.lrcat"]).Select(i => i.Label));
    }

    [Theory]
    [InlineData("2021-06-05T14:03:22.50", "2021-06-05T14:03:22.500")]
    [InlineData("2021-06-05 14:03:22", "2021-06-05T14:03:22.000")]
    [InlineData("2021-06-05T14:03:22+02:00", "2021-06-05T14:03:22.000")]
    [InlineData("2021-06-05T14:03:22Z", "2021-06-05T14:03:22.000")]
    [InlineData("2021-06-05T14:03", "2021-06-05T14:03:00.000")]
    [InlineData("2021-06-05", "2021-06-05T00:00:00.000")]
    [InlineData("sometime in June", null)]
    public void ReadImages_CaptureTimeForms_GiveTheWallClockTimeLightroomShows(string stored, string? expected)
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            lrcat.Image(lrcat.Folder(lrcat.Root("/p/"), ""), "a", "jpg", captureTime: stored);
        }

        var read = Assert.Single(Read(temp["Main.lrcat"]));

        Assert.Equal(expected, read.CaptureTime?.ToString("yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReadImages_HierarchicalAndPersonKeywords_GivePathsWithoutRootAndPeople()
    {
        using var temp = new TempFolder();
        long image;
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            image = lrcat.Image(lrcat.Folder(lrcat.Root("/p/"), ""), "a", "jpg");
            var places = lrcat.Keyword("Places");
            var paris = lrcat.Keyword("Paris", lrcat.Keyword("France", places));
            var people = lrcat.Keyword("People");
            var anna = lrcat.Keyword("Anna", people, type: "person");
            lrcat.Tag(image, paris);
            lrcat.Tag(image, lrcat.Keyword("sunset"));
            lrcat.Tag(image, anna);
            lrcat.Tag(image, LightroomCatalogFixture.RootKeyword);
        }

        var read = Assert.Single(Read(temp["Main.lrcat"]));

        Assert.Equal(["Places|France|Paris", "sunset"], read.Keywords);
        Assert.Equal(["Anna"], read.People);
    }

    [Fact]
    public void ReadImages_CaptionTitleGpsCameraAndCollections_AreRead()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var folder = lrcat.Folder(lrcat.Root("/p/"), "");
            var image = lrcat.Image(folder, "a", "jpg");
            var other = lrcat.Image(folder, "b", "jpg");
            lrcat.Caption(image, "  Evening at the harbour  ");
            lrcat.Xmp(image, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <dc:title><rdf:Alt><rdf:li xml:lang="de-DE">Hafen</rdf:li><rdf:li xml:lang="x-default">Boats &amp; nets</rdf:li></rdf:Alt></dc:title>
                 </rdf:Description></rdf:RDF></x:xmpmeta>
                """);
            lrcat.Xmp(other, """<x:xmpmeta><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Me</dc:creator></rdf:Description></x:xmpmeta>""");
            lrcat.Exif(image, 43.2965, 5.3698, "Canon EOS R5", "RF24-105mm F4 L IS USM");
            lrcat.Exif(other, null, null, null, null);
            var best = lrcat.Collection("Best of 2023");
            lrcat.AddToCollection(best, image);
            lrcat.AddToCollection(lrcat.Collection("Print"), image);
            lrcat.Collection("Five stars", smart: true);
        }

        var images = Read(temp["Main.lrcat"]);

        var first = images[0];
        Assert.Equal("Evening at the harbour", first.Caption);
        Assert.Equal("Boats & nets", first.Title);
        Assert.Equal(43.2965, first.Latitude);
        Assert.Equal(5.3698, first.Longitude);
        Assert.Equal("Canon EOS R5", first.CameraModel);
        Assert.Equal("RF24-105mm F4 L IS USM", first.Lens);
        Assert.Equal(["Best of 2023", "Print"], first.Collections);
        var second = images[1];
        Assert.Null(second.Caption);
        Assert.Null(second.Title);
        Assert.Null(second.Latitude);
        Assert.Null(second.CameraModel);
        Assert.Empty(second.Collections);
    }

    [Fact]
    public void ReadImages_DamagedXmpPacket_LosesOnlyThatImagesTitle()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var folder = lrcat.Folder(lrcat.Root("/p/"), "");
            var damaged = lrcat.Image(folder, "a", "jpg");
            var fine = lrcat.Image(folder, "b", "jpg");
            lrcat.Xmp(damaged, """<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title><rdf:Alt><rdf:li>Cut""");
            lrcat.Xmp(fine, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour</rdf:li></rdf:Alt></dc:title>
                 </rdf:Description></rdf:RDF></x:xmpmeta>
                """);
        }

        var images = Read(temp["Main.lrcat"]);

        Assert.Equal([null, "Harbour"], images.Select(i => i.Title));
    }

    [Fact]
    public void ReadImages_VirtualCopy_IsLeftOutAndAddsNothingToItsMaster()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var master = lrcat.Image(lrcat.Folder(lrcat.Root("/p/"), ""), "a", "jpg", rating: 2);
            var copy = lrcat.VirtualCopy(master);
            lrcat.Tag(copy, lrcat.Keyword("black and white"));
            lrcat.AddToCollection(lrcat.Collection("Monochrome"), copy);
        }

        var image = Assert.Single(Read(temp["Main.lrcat"]));

        Assert.Equal(2, image.Rating);
        Assert.Empty(image.Keywords);
        Assert.Empty(image.Collections);
    }

    [Fact]
    public void ReadImages_IncludingVirtualCopies_GivesEachCopyWithItsOwnFactsAndItsMasterFile()
    {
        using var temp = new TempFolder();
        long master, copy;
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            master = lrcat.Image(lrcat.Folder(lrcat.Root("/p/"), ""), "a", "jpg", captureTime: "2020-01-02T03:04:05");
            copy = lrcat.VirtualCopy(master);
            lrcat.Tag(copy, lrcat.Keyword("black and white"));
        }
        using var catalog = LightroomCatalog.Open(temp["Main.lrcat"]);

        var images = catalog.ReadImages(includeVirtualCopies: true);

        Assert.Equal([master, copy], images.Select(i => i.Id));
        Assert.Equal(["/p/a.jpg", "/p/a.jpg"], images.Select(i => i.OriginalPath));
        Assert.Equal([null, master], images.Select(i => i.MasterImage));
        Assert.Empty(images[0].Keywords);
        Assert.Equal(["black and white"], images[1].Keywords);
    }

    [Fact]
    public void ReadImages_CatalogLockedExclusivelyAsLightroomHoldsIt_IsReadAndLeftUnchanged()
    {
        using var temp = new TempFolder();
        var path = temp["Main.lrcat"];
        using var lrcat = new LightroomCatalogFixture(path);
        lrcat.Image(lrcat.Folder(lrcat.Root("/p/"), ""), "a", "jpg");
        lrcat.Execute("PRAGMA locking_mode = EXCLUSIVE");
        lrcat.Execute("BEGIN EXCLUSIVE");
        var before = File.ReadAllBytes(path);
        var modified = File.GetLastWriteTimeUtc(path);

        var images = Read(path);

        Assert.Equal(["/p/a.jpg"], images.Select(i => i.OriginalPath));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(path));
        Assert.Equal(["Main.lrcat"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        lrcat.Execute("COMMIT"); // the holder was never disturbed
    }

    [Fact]
    public void Open_NoImagesTable_SaysItIsNotACatalog()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            lrcat.Execute("DROP TABLE Adobe_images");
        }

        var error = Assert.Throws<InvalidDataException>(() => LightroomCatalog.Open(temp["Main.lrcat"]));

        Assert.Equal($"{temp["Main.lrcat"]} is not a Lightroom catalog: table Adobe_images is missing", error.Message);
    }

    [Fact]
    public void Open_NotSqliteAtAll_SaysItIsNotACatalog()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["Fake.lrcat"], "this is a text file, not a database, and it is long enough to have a header");

        var error = Assert.Throws<InvalidDataException>(() => LightroomCatalog.Open(temp["Fake.lrcat"]));

        Assert.StartsWith($"{temp["Fake.lrcat"]} is not a Lightroom catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_OptionalTablesMissing_GivesImagesWithoutThoseFacts()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var image = lrcat.Image(lrcat.Folder(lrcat.Root("/p/"), ""), "a", "jpg", captureTime: "2021-05-06T07:08:09");
            lrcat.Tag(image, lrcat.Keyword("kept"));
            foreach (var table in new[] { "AgLibraryIPTC", "AgHarvestedExifMetadata", "AgInternedExifCameraModel", "AgInternedExifLens",
                "AgLibraryCollection", "AgLibraryCollectionImage", "Adobe_AdditionalMetadata", "Adobe_variablesTable" })
            {
                lrcat.Execute($"DROP TABLE {table}");
            }
        }

        var read = Assert.Single(Read(temp["Main.lrcat"]));

        Assert.Equal("/p/a.jpg", read.OriginalPath);
        Assert.Equal(new DateTime(2021, 5, 6, 7, 8, 9), read.CaptureTime);
        Assert.Equal(["kept"], read.Keywords);
        Assert.Null(read.Caption);
        Assert.Null(read.Latitude);
        Assert.Empty(read.Collections);
    }

    [Fact]
    public void ReadImages_ImageWithoutFileRecord_IsReportedAndTheRestRead()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var folder = lrcat.Folder(lrcat.Root("/p/"), "");
            var broken = lrcat.Image(folder, "gone", "jpg");
            lrcat.Image(folder, "fine", "jpg");
            lrcat.Execute("DELETE FROM AgLibraryFile WHERE id_local = (SELECT rootFile FROM Adobe_images WHERE id_local = $i)", ("$i", broken));
        }

        using var catalog = LightroomCatalog.Open(temp["Main.lrcat"]);
        var images = catalog.ReadImages();

        Assert.Equal(["/p/fine.jpg"], images.Select(i => i.OriginalPath));
        Assert.Contains("file, folder or root folder record is missing", Assert.Single(catalog.Unreadable).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_LightroomHoldsCatalogWithUncheckpointedWal_SeesCommittedChangesAndChangesNothing()
    {
        using var temp = new TempFolder();
        var path = temp["Main.lrcat"];
        using var lrcat = new LightroomCatalogFixture(path);
        var folder = lrcat.Folder(lrcat.Root("/p/"), "");
        lrcat.Image(folder, "checkpointed", "jpg");
        lrcat.Execute("PRAGMA journal_mode = WAL");
        lrcat.Execute("PRAGMA wal_autocheckpoint = 0");
        lrcat.Image(folder, "only-in-wal", "jpg");
        using var open = lrcat.Connection.BeginTransaction();
        lrcat.Execute("INSERT INTO Adobe_images (id_local, id_global, rootFile) VALUES (99999, 'UNCOMMITTED', 0)");
        var files = new[] { path, path + "-wal", path + "-shm" };
        Assert.True(new FileInfo(path + "-wal").Length > 0);
        var before = SourceListing.Fingerprint(files);

        var images = Read(path);

        Assert.Equal(["/p/checkpointed.jpg", "/p/only-in-wal.jpg"], images.Select(i => i.OriginalPath));
        Assert.Equal(before, SourceListing.Fingerprint(files));
        Assert.Equal(3, before.Count);
        open.Commit(); // the holder was never blocked
    }
}
