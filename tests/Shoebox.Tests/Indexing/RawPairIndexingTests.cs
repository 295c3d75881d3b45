using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

/// <summary>
/// A raw and a JPEG of the same shot side by side (IMG_1.DNG + IMG_1.JPG, the same capture time and camera) indexed
/// as one photo with two files, through every change a folder sees.
/// </summary>
[Tier(Tier.Unit)]
public class RawPairIndexingTests
{
    private const string Taken = "2024:05:17 10:11:12";

    private static Task<IndexSummary> IndexAsync(TempFolder temp, string root, bool? keepApart = null) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { KeepRawPairsApart = keepApart }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);

    private static string Raw(TempFolder temp, string name = "IMG_1.DNG", string taken = Taken, string model = TestRaws.Model) =>
        TestRaws.LinearDng(Path.Combine(temp.Folder("shots"), name), 64, 48, taken: taken, model: model);

    private static string Jpeg(TempFolder temp, string name = "IMG_1.JPG", string taken = Taken, int width = 64) =>
        TestRaws.CameraJpeg(Path.Combine(temp.Folder("shots"), name), width, 48, taken);

    // Each path's photo id, and how many photos searches can find.
    private static async Task<(long? Raw, long? Jpeg, long Existing)> PhotosAsync(TempFolder temp, string raw, string jpeg)
    {
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var found = await catalog.Locations.FindPhotosAtAsync([raw, jpeg]);
        return (found.TryGetValue(raw, out var r) ? r : null, found.TryGetValue(jpeg, out var j) ? j : null, await catalog.Photos.CountExistingAsync());
    }

    private static async Task<List<CatalogLocation>> LocationsAsync(TempFolder temp, long photoId)
    {
        await using var catalog = await new Library(temp.Library).OpenAsync();
        return await catalog.Locations.OfPhotoAsync(photoId);
    }

    [Fact]
    public async Task Index_RawBesideJpegOfSameShot_OnePhotoWithTwoFiles()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);

        var summary = await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, jpegPhoto, existing) = await PhotosAsync(temp, raw, jpeg);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var photo = (await catalog.Photos.FindAsync(jpegPhoto!.Value))!;

        Assert.Equal((2, 2, 0), (summary.Found, summary.New, summary.Failed));
        Assert.Equal(1, summary.Processed); // the JPEG's content only: the raw is not decoded
        Assert.Equal(jpegPhoto, rawPhoto);
        Assert.Equal(1, existing);
        Assert.Equal([jpeg, raw], photo.Paths);
        Assert.Equal(ImageFormat.Jpeg, photo.Format);
        Assert.Equal([false, true], (await catalog.Locations.OfPhotoAsync(photo.Id)).Select(l => l.IsPairedRaw));
        Assert.Empty(await catalog.Duplicates.LoadCopiesAsync());
    }

    [Fact]
    public async Task Index_Rerun_KeepsThePair()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);

        var again = await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, jpegPhoto, existing) = await PhotosAsync(temp, raw, jpeg);

        Assert.Equal((2, 0, 0, 0), (again.Unchanged, again.New, again.Hashed, again.Processed));
        Assert.Equal((jpegPhoto, 1L), (rawPhoto, existing));
    }

    [Fact]
    public async Task Index_RawArrivesBeforeJpeg_PairedWhenTheJpegArrives()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        await IndexAsync(temp, temp["shots"]);
        var alone = (await PhotosAsync(temp, raw, "-")).Raw;

        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, jpegPhoto, existing) = await PhotosAsync(temp, raw, jpeg);

        Assert.NotNull(alone);
        Assert.NotEqual(alone, jpegPhoto);
        Assert.Equal((jpegPhoto, 1L), (rawPhoto, existing));
    }

    [Theory]
    [InlineData("2024:05:17 10:11:13", TestRaws.Model)]
    [InlineData(Taken, "Another Camera")]
    public async Task Index_TimeOrCameraDiffers_TwoPhotos(string rawTaken, string rawModel)
    {
        using var temp = new TempFolder();
        var raw = Raw(temp, taken: rawTaken, model: rawModel);
        var jpeg = Jpeg(temp);

        await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, jpegPhoto, existing) = await PhotosAsync(temp, raw, jpeg);

        Assert.NotEqual(rawPhoto, jpegPhoto);
        Assert.Equal(2, existing);
    }

    [Fact]
    public async Task Index_OtherNameOrFolder_NotPaired()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp, "IMG_2.DNG");
        var jpeg = Jpeg(temp);

        await IndexAsync(temp, temp["shots"]);

        Assert.Equal(2, (await PhotosAsync(temp, raw, jpeg)).Existing);
    }

    [Fact]
    public async Task Index_JpegEditedStillSameShot_RawFollowsTheNewContent()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);
        var before = (await PhotosAsync(temp, raw, jpeg)).Jpeg;

        Jpeg(temp, width: 80);
        File.SetLastWriteTimeUtc(jpeg, DateTime.UtcNow.AddMinutes(1));
        var summary = await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, jpegPhoto, existing) = await PhotosAsync(temp, raw, jpeg);

        Assert.Equal((1, 1), (summary.Changed, summary.Unchanged));
        Assert.NotEqual(before, jpegPhoto);
        Assert.Equal((jpegPhoto, 1L), (rawPhoto, existing));
    }

    [Fact]
    public async Task Index_JpegEditedToAnotherTime_RawBecomesItsOwnPhoto()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);

        Jpeg(temp, taken: "2024:05:18 09:00:00");
        File.SetLastWriteTimeUtc(jpeg, DateTime.UtcNow.AddMinutes(1));
        await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, jpegPhoto, existing) = await PhotosAsync(temp, raw, jpeg);

        Assert.NotEqual(rawPhoto, jpegPhoto);
        Assert.Equal(2, existing);
        Assert.False(Assert.Single(await LocationsAsync(temp, rawPhoto!.Value)).IsPairedRaw);
    }

    [Fact]
    public async Task Index_JpegDeleted_RawBecomesItsOwnPhoto()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);
        var paired = (await PhotosAsync(temp, raw, jpeg)).Jpeg!.Value;

        File.Delete(jpeg);
        var summary = await IndexAsync(temp, temp["shots"]);
        var (rawPhoto, _, existing) = await PhotosAsync(temp, raw, jpeg);

        Assert.Equal(1, summary.Missing);
        Assert.NotEqual(paired, rawPhoto);
        Assert.Equal(1, existing);
        Assert.Equal([(jpeg, LocationStatus.Missing)], (await LocationsAsync(temp, paired)).Select(l => (l.Path, l.Status)));
    }

    [Fact]
    public async Task Index_RawDeleted_JpegKeepsOneFileAndNothingMissing()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);

        File.Delete(raw);
        var summary = await IndexAsync(temp, temp["shots"]);
        var photo = (await PhotosAsync(temp, raw, jpeg)).Jpeg!.Value;

        Assert.Equal((0, 1), (summary.Missing, summary.Unchanged));
        Assert.Equal([jpeg], (await LocationsAsync(temp, photo)).Select(l => l.Path));
    }

    [Fact]
    public async Task Index_KeepRawPairsApart_SplitsRemembersAndPairsAgainWhenAsked()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        await IndexAsync(temp, temp["shots"]);

        await IndexAsync(temp, temp["shots"], keepApart: true);
        var apart = await PhotosAsync(temp, raw, jpeg);
        await IndexAsync(temp, temp["shots"]);
        var stillApart = await PhotosAsync(temp, raw, jpeg);
        await IndexAsync(temp, temp["shots"], keepApart: false);
        var together = await PhotosAsync(temp, raw, jpeg);

        Assert.NotEqual(apart.Raw, apart.Jpeg);
        Assert.Equal(2, apart.Existing);
        Assert.Equal(apart, stillApart);
        Assert.Equal((together.Jpeg, 1L), (together.Raw, together.Existing));
    }

    [Fact]
    public async Task Index_RawWithSidecar_ItsKeywordsGoToThePairedPhoto()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);
        File.WriteAllText(raw + ".xmp", """
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
              <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <dc:subject><rdf:Bag><rdf:li>harbour</rdf:li></rdf:Bag></dc:subject>
                </rdf:Description>
              </rdf:RDF>
            </x:xmpmeta>
            """);

        await IndexAsync(temp, temp["shots"]);
        var photo = (await PhotosAsync(temp, raw, jpeg)).Jpeg!.Value;
        await using var catalog = await new Library(temp.Library).OpenAsync();

        Assert.Contains(await catalog.Texts.OfPhotoAsync(photo), t => t.Kind == "keyword" && t.Content == "harbour");
    }

    [Fact]
    public async Task Index_KeptApartFromTheStart_TwoPhotos()
    {
        using var temp = new TempFolder();
        var raw = Raw(temp);
        var jpeg = Jpeg(temp);

        await IndexAsync(temp, temp["shots"], keepApart: true);

        Assert.Equal(2, (await PhotosAsync(temp, raw, jpeg)).Existing);
    }
}
