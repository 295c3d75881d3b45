using Microsoft.Data.Sqlite;
using Shoebox.Sources.Lightroom;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.Lightroom;

public class CatalogNamesTests
{
    [Fact]
    public void Read_Catalog_GivesOriginalPathsAndWhatWasSaidOfEachImage()
    {
        using var temp = new TempFolder();
        var catalog = LightroomFixture.Catalog(temp["Main.lrcat"],
            new LightroomFixture.CatalogEntry(5, "/Volumes/Photos/", "2021/06/", "IMG_0001", "CR2")
            {
                CaptureTime = "2021-06-05T14:03:22.50",
                Caption = "Breakfast",
                Title = "Morning & coffee",
                Keywords = ["Places|France|Paris", "coffee"],
            },
            new LightroomFixture.CatalogEntry(6, "C:/Users/me/Pictures/", "", "DSC_0002", "NEF"));

        var images = CatalogNames.Read(catalog);

        Assert.Equal([5L, 6L], images.Select(i => i.ImageId));
        var first = images[0];
        Assert.Equal("/Volumes/Photos/2021/06/IMG_0001.CR2", first.OriginalPath);
        Assert.Equal("IMG_0001", first.BaseName);
        Assert.Equal(new DateTime(2021, 6, 5, 14, 3, 22, 500), first.Metadata.TakenAt);
        Assert.Equal(["Places|France|Paris", "coffee"], first.Metadata.Keywords);
        Assert.Equal("Breakfast", first.Metadata.Caption);
        Assert.Equal("Morning & coffee", first.Metadata.Title);
        Assert.Equal("C:/Users/me/Pictures/DSC_0002.NEF", images[1].OriginalPath);
        var bare = images[1].Metadata;
        Assert.Equal((null, 0, null, null), (bare.TakenAt, bare.Keywords.Count, bare.Caption, bare.Title));
    }

    [Fact]
    public void Read_LeavesTheCatalogUnchanged()
    {
        using var temp = new TempFolder();
        var catalog = LightroomFixture.Catalog(temp["Main.lrcat"], new LightroomFixture.CatalogEntry(1, "/p/", "", "A", "JPG"));
        var before = File.ReadAllBytes(catalog);
        var modified = File.GetLastWriteTimeUtc(catalog);

        CatalogNames.Read(catalog);

        Assert.Equal(before, File.ReadAllBytes(catalog));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(catalog));
        Assert.Equal(["Main.lrcat"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Read_CatalogLockedAsLightroomHoldsIt_ReadsACopy()
    {
        using var temp = new TempFolder();
        var catalog = LightroomFixture.Catalog(temp["Main.lrcat"], new LightroomFixture.CatalogEntry(1, "/p/", "", "A", "JPG"));
        using var lightroom = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = catalog, Pooling = false }.ToString());
        lightroom.Open();
        using (var command = lightroom.CreateCommand())
        {
            command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;";
            command.ExecuteNonQuery();
        }

        var images = CatalogNames.Read(catalog);

        Assert.Equal("/p/A.JPG", Assert.Single(images).OriginalPath);
    }

    [Fact]
    public void Read_NotACatalog_ThrowsAClearError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["fake.lrcat"], "this is not SQLite, just text long enough to have a header......................");

        var error = Assert.Throws<LightroomPreviewException>(() => CatalogNames.Read(temp["fake.lrcat"]));

        Assert.Contains("fake.lrcat", error.Message);
    }
}
