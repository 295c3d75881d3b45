using Shoebox.Core;
using Shoebox.Sources.CaptureOne;
using Shoebox.Tests.Fixtures;
using static Shoebox.Tests.Sources.CaptureOne.CaptureOneCatalogFixture;

namespace Shoebox.Tests.Sources.CaptureOne;

[Tier(Tier.Unit)]
public class CaptureOneSourceTests
{
    [Fact]
    public void Original_InsideCatalog_UnderTheBundleWithBackslashesTurned()
    {
        var image = new CaptureOneImage(1, "a.jpg", new CaptureOneFolder(true, @"Originals\2023\06", null, null, null));

        Assert.Equal(Path.Combine("/c/Trips.cocatalog", "Originals", "2023", "06", "a.jpg"), CaptureOneFiles.Original("/c/Trips.cocatalog", image));
    }

    [Fact]
    public void Original_MacAndWindowsRoots_ThisSystemsRootFirst()
    {
        var both = new CaptureOneImage(1, "a.jpg", new CaptureOneFolder(false, @"2023\06", @"P:\", "/Volumes/Photos/", null));
        var windowsOnly = new CaptureOneImage(2, "b.jpg", new CaptureOneFolder(false, @"2023\06", @"\\NAS\photos", null, null));

        Assert.Equal(OperatingSystem.IsWindows() ? @"P:\2023\06\a.jpg" : "/Volumes/Photos/2023/06/a.jpg", CaptureOneFiles.Original("/c", both));
        Assert.Equal(@"\\NAS\photos\2023\06\b.jpg", CaptureOneFiles.Original("/c", windowsOnly));
    }

    [Fact]
    public void DatabaseOf_BundleSessionFolderAndFiles_TheDatabase()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Folder("Trips.cocatalog"), "Trips.cocatalogdb"), "");
        File.WriteAllText(Path.Combine(temp.Folder("Shoot"), "Shoot.cosessiondb"), "");
        temp.Folder("Plain");

        Assert.Equal(temp["Trips.cocatalog/Trips.cocatalogdb"], CaptureOneFiles.DatabaseOf(temp["Trips.cocatalog"] + "/"));
        Assert.Equal(temp["Trips.cocatalog/Trips.cocatalogdb"], CaptureOneFiles.DatabaseOf(temp["Trips.cocatalog/Trips.cocatalogdb"]));
        Assert.Equal(temp["Shoot/Shoot.cosessiondb"], CaptureOneFiles.DatabaseOf(temp["Shoot"]));
        Assert.Null(CaptureOneFiles.DatabaseOf(temp["Plain"]));
    }

    [Theory]
    [InlineData(Version12)]
    [InlineData(Version16)]
    public async Task ListAsync_OnlineOfflineAndMapped_ListsFoundNamesMissingUsesMap(string version)
    {
        using var temp = new TempFolder();
        var bundle = temp["Trips.cocatalog"];
        var database = Path.Combine(bundle, "Trips.cocatalogdb");
        TestImages.Jpeg(Path.Combine(bundle, "Originals", "2023", "inside.jpg"));
        TestImages.Jpeg(temp["mnt/photos/2023/mapped.jpg"]);
        using (var c1 = new CaptureOneCatalogFixture(database, version))
        {
            var inside = c1.Location(@"Originals\2023", relative: true);
            var drive = c1.Location("2023", windowsRoot: @"P:\");
            c1.Image("inside.jpg", inside, new CaptureOneMeta(Keywords: "harbour||0"), insideCatalog: true);
            c1.Image("mapped.jpg", drive);
            c1.Image("offline.jpg", drive);
        }
        var map = new Shoebox.Indexing.PathMap([(@"P:\", temp["mnt/photos"])]);

        var (files, problems) = await SourceListing.ListAsync(new CaptureOneSource(bundle, map.Apply));

        Assert.Equal([Path.Combine(bundle, "Originals", "2023", "inside.jpg"), temp["mnt/photos/2023/mapped.jpg"]], files.Select(f => f.Path));
        Assert.All(files, f => Assert.Null(f.Content));
        Assert.All(files, f => Assert.Equal("capture-one:" + bundle, f.SourceId));
        Assert.Equal(["harbour"], files[0].Facts!.Keywords);
        var offline = Assert.Single(problems);
        Assert.Equal((Path.Combine(temp["mnt/photos"], "2023", "offline.jpg"), CaptureOneSource.Offline), (offline.Path, offline.Reason));
    }

    [Fact]
    public async Task ListAsync_OfflineWithJpegAndOtherPreviews_OnlyTheJpegStandsIn()
    {
        using var temp = new TempFolder();
        var bundle = temp["Trips.cocatalog"];
        long jpegVariant, otherVariant;
        using (var c1 = new CaptureOneCatalogFixture(Path.Combine(bundle, "Trips.cocatalogdb"), Version16))
        {
            var drive = c1.Location("2023", macRoot: temp["unplugged"]);
            (_, jpegVariant) = c1.Image("with-jpeg.jpg", drive);
            (_, otherVariant) = c1.Image("with-other.jpg", drive);
        }
        var jpeg = TestImages.Jpeg(Path.Combine(bundle, "Cache", "Previews", $"{jpegVariant:D8}.cop"));
        File.WriteAllBytes(Path.Combine(bundle, "Cache", "Previews", $"{otherVariant:D8}.cop"), [0x43, 0x4F, 0x50, 0x31, 0, 0, 0, 0]);

        var (files, problems) = await SourceListing.ListAsync(new CaptureOneSource(bundle));

        var standIn = Assert.Single(files);
        Assert.Equal((temp["unplugged/2023/with-jpeg.jpg"], new StandIn(jpeg)), (standIn.Path, standIn.Content));
        Assert.True(standIn.Facts!.IsPreview);
        Assert.Equal(temp["unplugged/2023/with-other.jpg"], Assert.Single(problems).Path);
    }
}
