using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.Lightroom;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.Lightroom;

[Tier(Tier.Unit)]
public class LightroomSourceTests
{
    [Fact]
    public async Task ListAsync_OriginalOnDisk_ListsItWithTheCatalogsFacts()
    {
        using var temp = new TempFolder();
        var photos = temp.Folder("photos");
        var original = TestImages.Jpeg(Path.Combine(photos, "2023", "IMG_1.jpg"));
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var image = lrcat.Image(lrcat.Folder(lrcat.Root(photos + "/"), "2023/"), "IMG_1", "jpg",
                captureTime: "2023-08-01T10:11:12", rating: 3, pick: 1);
            lrcat.Tag(image, lrcat.Keyword("Paris", lrcat.Keyword("France")));
            lrcat.Tag(image, lrcat.Keyword("Anna", type: "person"));
            lrcat.Caption(image, "Lunch by the river");
            lrcat.Xmp(image, """<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Lunch</rdf:li></rdf:Alt></dc:title>""");
            lrcat.Exif(image, 48.85, 2.35, "X100V", "23mm");
            lrcat.AddToCollection(lrcat.Collection("Summer"), image);
        }
        var source = new LightroomSource(temp["Main.lrcat"], temp.Folder("library/stand-ins"));

        var (files, problems) = await SourceListing.ListAsync(source);

        Assert.Empty(problems);
        var found = Assert.Single(files);
        var info = new FileInfo(original);
        Assert.Equal(original, found.Path);
        Assert.Equal(photos, found.Root);
        Assert.Equal(info.Length, found.Size);
        Assert.Equal(info.LastWriteTimeUtc.Ticks, found.ModifiedTicks);
        Assert.Equal("lightroom:" + temp["Main.lrcat"], found.SourceId);
        Assert.Null(found.Content);
        var facts = found.Facts!;
        Assert.Equal("lightroom", facts.Source);
        Assert.True(facts.Overrides);
        Assert.Equal(new DateTime(2023, 8, 1, 10, 11, 12), facts.TakenAt);
        Assert.Equal(3, facts.Rating);
        Assert.Equal(1, facts.Pick);
        Assert.Equal("Lunch", facts.Title);
        Assert.Equal("Lunch by the river", facts.Description);
        Assert.Equal(["France|Paris"], facts.Keywords);
        Assert.Equal(["Anna"], facts.People);
        Assert.Equal(["Summer"], facts.Albums);
        Assert.Equal((48.85, 2.35), (facts.Latitude, facts.Longitude));
        Assert.Equal("X100V", facts.CameraModel);
        Assert.Equal("23mm", facts.Lens);
        Assert.False(facts.IsPreview);
    }

    [Fact]
    public async Task ListAsync_OriginalOffline_IsReportedAndTheRestListed()
    {
        using var temp = new TempFolder();
        var photos = temp.Folder("photos");
        TestImages.Jpeg(Path.Combine(photos, "here.jpg"));
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var folder = lrcat.Folder(lrcat.Root(photos + "/"), "");
            lrcat.Image(folder, "here", "jpg");
            lrcat.Image(lrcat.Folder(lrcat.Root("D:/Unplugged/"), "2019/"), "away", "jpg");
        }
        var standIns = temp["library/stand-ins"];
        var source = new LightroomSource(temp["Main.lrcat"], standIns);

        var (files, problems) = await SourceListing.ListAsync(source);

        Assert.Equal([Path.Combine(photos, "here.jpg")], files.Select(f => f.Path));
        var problem = Assert.Single(problems);
        Assert.Equal("D:/Unplugged/2019/away.jpg", problem.Path);
        Assert.StartsWith("original offline", problem.Reason, StringComparison.Ordinal);
        Assert.False(problem.IsFolder);
    }

    [Fact]
    public async Task ListAsync_OfflineOriginalWithStandInAlreadyMade_ReadsTheStandIn()
    {
        using var temp = new TempFolder();
        const string GlobalId = "5C6E3F0A-1B2C-4D5E-8F90-A1B2C3D4E5F6";
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            var image = lrcat.Image(lrcat.Folder(lrcat.Root("/Volumes/Gone/"), "x/"), "IMG_9", "CR2",
                captureTime: "2018-02-03T04:05:06", globalId: GlobalId);
            lrcat.Caption(image, "Snow");
        }
        var standIns = temp.Folder("library/stand-ins");
        var standIn = TestImages.Jpeg(Path.Combine(standIns, GlobalId + ".jpg"));
        var source = new LightroomSource(temp["Main.lrcat"], standIns);

        var (files, problems) = await SourceListing.ListAsync(source);

        Assert.Empty(problems);
        var found = Assert.Single(files);
        Assert.Equal("/Volumes/Gone/x/IMG_9.CR2", found.Path);
        Assert.Equal("/Volumes/Gone", found.Root);
        Assert.Equal(new StandIn(standIn), found.Content);
        Assert.Equal(new FileInfo(standIn).Length, found.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(standIn).Ticks, found.ModifiedTicks);
        Assert.True(found.Facts!.IsPreview);
        Assert.Equal("Snow", found.Facts.Description);
        Assert.Equal(new DateTime(2018, 2, 3, 4, 5, 6), found.Facts.TakenAt);
    }

    [Fact]
    public async Task ListAsync_NotACatalog_ThrowsAndCompletesTheChannel()
    {
        using var temp = new TempFolder();
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            lrcat.Execute("DROP TABLE AgLibraryRootFolder");
        }
        var channel = System.Threading.Channels.Channel.CreateUnbounded<FoundFile>();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new LightroomSource(temp["Main.lrcat"], temp["stand-ins"]).ListAsync(channel.Writer, CancellationToken.None));

        Assert.Contains("table AgLibraryRootFolder is missing", error.Message, StringComparison.Ordinal);
        Assert.True(channel.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Looks_LrcatFile_IsRecognisedAndOthersAreNot()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["Main.lrcat"], "");
        File.WriteAllText(temp["Main.lrcat-wal"], "");
        File.WriteAllText(temp["photo.jpg"], "");

        Assert.True(LightroomSource.Looks(temp["Main.lrcat"]));
        Assert.False(LightroomSource.Looks(temp["Main.lrcat-wal"]));
        Assert.False(LightroomSource.Looks(temp["photo.jpg"]));
        Assert.False(LightroomSource.Looks(temp["Missing.lrcat"]));
    }
}
