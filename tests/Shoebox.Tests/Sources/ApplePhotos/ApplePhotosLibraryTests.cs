using Shoebox.Sources.ApplePhotos;
using Shoebox.Tests.Fixtures;
using static Shoebox.Tests.Sources.ApplePhotos.PhotosLibraryFixture;

namespace Shoebox.Tests.Sources.ApplePhotos;

[Tier(Tier.Unit)]
public class ApplePhotosLibraryTests
{
    private static IReadOnlyList<ApplePhotosAsset> Read(string library)
    {
        using var photos = ApplePhotosLibrary.Open(library);
        return photos.ReadAssets();
    }

    [Theory]
    [InlineData(Photos5)]
    [InlineData(Photos8)]
    public void ReadAssets_TrashedHiddenBurstAndVideos_AreLeftOut(string version)
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        using (var photos = new PhotosLibraryFixture(library, version))
        {
            photos.Asset("A1", "A", "A1.jpeg");
            photos.Asset("B2", "B", "B2.jpeg", trashed: 1);
            photos.Asset("C3", "C", "C3.jpeg", hidden: 1);
            photos.Asset("D4", "D", "D4.jpeg", visibility: 2);
            photos.Asset("E5", "E", "E5.mov", kind: 1);
            photos.Asset("F6", "F", "F6.heic");
        }

        Assert.Equal(["A1", "F6"], Read(library).Select(a => a.Uuid));
    }

    [Theory]
    [InlineData(Photos5)]
    [InlineData(Photos8)]
    public void ReadAssets_DatesPlacesTextsKeywordsAndAlbums_AreRead(string version)
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        using (var photos = new PhotosLibraryFixture(library, version))
        {
            var taken = AppleTime(new DateTime(2022, 6, 30, 18, 45, 0, DateTimeKind.Utc));
            var rich = photos.Asset("A1", "A", "A1.jpeg", created: taken, offsetSeconds: 2 * 3600, latitude: 45.76, longitude: 4.83,
                favorite: true, title: "Old town", description: "View from the hill");
            var plain = photos.Asset("B2", "B", "B2.jpeg", created: taken);
            photos.Keyword(rich, "travel");
            photos.Keyword(rich, "Lyon");
            photos.Keyword(plain, "travel");
            var trip = photos.Album("France 2022");
            photos.AddToAlbum(trip, rich);
            photos.AddToAlbum(photos.Album("Best"), rich);
            photos.AddToAlbum(photos.Album("Recently Deleted album", trashed: 1), rich);
            photos.AddToAlbum(photos.Album("A folder", kind: 4000), rich);
            photos.KeyAsset(photos.Album("Only its key photo"), plain);
        }

        var assets = Read(library);

        var first = assets[0];
        Assert.Equal(new DateTime(2022, 6, 30, 20, 45, 0), first.TakenAt);
        Assert.Equal(DateTimeKind.Unspecified, first.TakenAt!.Value.Kind);
        Assert.Equal(TimeSpan.FromHours(2), first.TakenOffset);
        Assert.Equal((45.76, 4.83), (first.Latitude, first.Longitude));
        Assert.True(first.Favorite);
        Assert.Equal("Old town", first.Title);
        Assert.Equal("View from the hill", first.Description);
        Assert.Equal(["Lyon", "travel"], first.Keywords);
        Assert.Equal(["Best", "France 2022"], first.Albums);
        var second = assets[1];
        Assert.Equal(new DateTime(2022, 6, 30, 18, 45, 0), second.TakenAt);
        Assert.Equal(TimeSpan.Zero, second.TakenOffset);
        Assert.Null(second.Latitude);
        Assert.Null(second.Longitude);
        Assert.False(second.Favorite);
        Assert.Null(second.Title);
        Assert.Null(second.Description);
        Assert.Equal(["travel"], second.Keywords);
        Assert.Empty(second.Albums);
    }

    [Fact]
    public void Open_NoDatabase_SaysItIsNotALibrary()
    {
        using var temp = new TempFolder();
        var library = temp.Folder("Empty.photoslibrary");

        var error = Assert.Throws<InvalidDataException>(() => ApplePhotosLibrary.Open(library));

        Assert.Equal($"{library} is not a Photos library: database/Photos.sqlite is missing", error.Message);
    }

    [Fact]
    public void Open_NoAssetTable_SaysItIsNotAPhotosDatabase()
    {
        using var temp = new TempFolder();
        var library = temp["Odd.photoslibrary"];
        using (var photos = new PhotosLibraryFixture(library, Photos8))
        {
            photos.Execute("DROP TABLE ZASSET");
        }

        var error = Assert.Throws<InvalidDataException>(() => ApplePhotosLibrary.Open(library));

        Assert.Contains("neither a ZASSET nor a ZGENERICASSET table", error.Message, StringComparison.Ordinal);
        Assert.Contains("Photos.sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAssets_PhotosHoldsDatabaseWithUncheckpointedWal_SeesCommittedChangesAndChangesNothing()
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        using var photos = new PhotosLibraryFixture(library, Photos8);
        photos.Asset("A1", "A", "A1.jpeg");
        photos.Execute("PRAGMA journal_mode = WAL");
        photos.Execute("PRAGMA wal_autocheckpoint = 0");
        photos.Asset("B2", "B", "B2.jpeg");
        using var open = photos.Connection.BeginTransaction();
        photos.Asset("C3", "C", "C3.jpeg");
        var files = new[] { photos.Database, photos.Database + "-wal", photos.Database + "-shm" };
        var before = SourceListing.Fingerprint(files);

        var assets = Read(library);

        Assert.Equal(["A1", "B2"], assets.Select(a => a.Uuid));
        Assert.Equal(3, before.Count);
        Assert.Equal(before, SourceListing.Fingerprint(files));
        open.Commit();
    }
}
