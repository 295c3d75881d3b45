using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.ApplePhotos;
using Shoebox.Tests.Fixtures;
using static Shoebox.Tests.Sources.ApplePhotos.PhotosLibraryFixture;

namespace Shoebox.Tests.Sources.ApplePhotos;

[Tier(Tier.Unit)]
public class ApplePhotosSourceTests
{
    [Theory]
    [InlineData(Photos5)]
    [InlineData(Photos8)]
    public async Task ListAsync_OriginalInLibrary_ListsItWithPhotosFacts(string version)
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        var original = TestImages.Jpeg(Path.Combine(library, "originals", "9", "9F2A.jpeg"));
        using (var photos = new PhotosLibraryFixture(library, version))
        {
            var asset = photos.Asset("9F2A", "9", "9F2A.jpeg", created: AppleTime(new DateTime(2021, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
                offsetSeconds: -5 * 3600, latitude: 40.7, longitude: -74.0, favorite: true, title: "Skyline", description: "From the ferry");
            photos.Keyword(asset, "city");
            photos.AddToAlbum(photos.Album("New York"), asset);
        }

        var (files, problems) = await SourceListing.ListAsync(new ApplePhotosSource(library + "/"));

        Assert.Empty(problems);
        var found = Assert.Single(files);
        Assert.Equal(original, found.Path);
        Assert.Equal(library, found.Root);
        Assert.Equal(new FileInfo(original).Length, found.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(original).Ticks, found.ModifiedTicks);
        Assert.Equal("apple-photos:" + library, found.SourceId);
        Assert.Null(found.Content);
        var facts = found.Facts!;
        Assert.Equal("apple-photos", facts.Source);
        Assert.True(facts.Overrides);
        Assert.Equal(new DateTime(2021, 1, 1, 22, 4, 5), facts.TakenAt);
        Assert.Equal(TimeSpan.FromHours(-5), facts.TakenOffset);
        Assert.Equal((40.7, -74.0), (facts.Latitude, facts.Longitude));
        Assert.True(facts.Favorite);
        Assert.Equal("Skyline", facts.Title);
        Assert.Equal("From the ferry", facts.Description);
        Assert.Equal(["city"], facts.Keywords);
        Assert.Equal(["New York"], facts.Albums);
        Assert.False(facts.IsPreview);
    }

    [Fact]
    public async Task ListAsync_OriginalOnlyInICloud_ReadsTheLargestPreviewInstead()
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        var derivative = TestImages.Jpeg(Path.Combine(library, "resources", "derivatives", "7", "7C1D_1_105_c.jpeg"), 400, 300);
        TestImages.Jpeg(Path.Combine(library, "resources", "derivatives", "7", "7C1D_4_5005_c.jpeg"), 40, 30);
        File.WriteAllBytes(Path.Combine(library, "resources", "derivatives", "7", "7C1D_1_105_c.plist"), new byte[100_000]);
        var render = TestImages.Jpeg(Path.Combine(library, "resources", "renders", "5", "5E3B_1_201_a.jpeg"), 800, 600);
        TestImages.Jpeg(Path.Combine(library, "resources", "derivatives", "5", "5E3B_1_105_c.jpeg"), 64, 48);
        using (var photos = new PhotosLibraryFixture(library, Photos8))
        {
            photos.Asset("7C1D", "7", "7C1D.heic", title: "Cloud only");
            photos.Asset("5E3B", "5", "5E3B.heic");
            photos.Asset("0AAA", "0", "0AAA.heic");
        }

        var (files, problems) = await SourceListing.ListAsync(new ApplePhotosSource(library));

        Assert.Equal(2, files.Count);
        var cloud = files[0];
        Assert.Equal(Path.Combine(library, "originals", "7", "7C1D.heic"), cloud.Path);
        Assert.Equal(new StandIn(derivative), cloud.Content);
        Assert.Equal(new FileInfo(derivative).Length, cloud.Size);
        Assert.True(cloud.Facts!.IsPreview);
        Assert.Equal("Cloud only", cloud.Facts.Title);
        Assert.Equal(new StandIn(render), files[1].Content);
        var problem = Assert.Single(problems);
        Assert.Equal(Path.Combine(library, "originals", "0", "0AAA.heic"), problem.Path);
        Assert.Contains("keeps no preview", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_ReferencedFile_IsListedAtItsAbsoluteFolder()
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        var elsewhere = TestImages.Jpeg(temp["Elsewhere/scan 12.jpg"]);
        using (var photos = new PhotosLibraryFixture(library, Photos5))
        {
            photos.Asset("1B2C", temp["Elsewhere"], "scan 12.jpg");
        }

        var (files, problems) = await SourceListing.ListAsync(new ApplePhotosSource(library));

        Assert.Empty(problems);
        Assert.Equal(elsewhere, Assert.Single(files).Path);
    }

    [Fact]
    public void Looks_PhotosLibraryWithDatabase_IsRecognisedAndOthersAreNot()
    {
        using var temp = new TempFolder();
        var library = temp.Folder("Photos Library.photoslibrary/database");
        File.WriteAllText(Path.Combine(library, "Photos.sqlite"), "");
        temp.Folder("Bare.photoslibrary");
        temp.Folder("Plain/database");
        File.WriteAllText(temp["Plain/database/Photos.sqlite"], "");

        Assert.True(ApplePhotosSource.Looks(temp["Photos Library.photoslibrary"]));
        Assert.True(ApplePhotosSource.Looks(temp["Photos Library.photoslibrary"] + "/"));
        Assert.False(ApplePhotosSource.Looks(temp["Bare.photoslibrary"]));
        Assert.False(ApplePhotosSource.Looks(temp["Plain"]));
    }
}
