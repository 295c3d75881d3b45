using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Sources.Lightroom;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.Lightroom;
using static Shoebox.Tests.Fixtures.RawContainers;

namespace Shoebox.Tests.Indexing;

/// <summary>A folder of camera raw files indexed end to end: thumbnails, vectors and metadata from their previews.</summary>
[Tier(Tier.Unit)]
public class RawIndexingTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public async Task Index_FolderOfRaws_CataloguesEachWithThumbnailVectorAndMetadataAndReportsTheDamagedOne()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        var shot = new Shot("Canon", "Canon EOS R6", new DateTime(2023, 9, 10, 11, 12, 13), Orientation: 8);
        byte[] Jpeg(string name) => File.ReadAllBytes(TestImages.Jpeg(temp[name], 1800, 1200));
        File.WriteAllBytes(temp["photos/IMG_0001.DNG"], Dng(Jpeg("a.jpg"), 1800, 1200, shot));
        File.WriteAllBytes(temp["photos/IMG_0002.CR2"], Cr2(Jpeg("b.jpg"), 1800, 1200, shot));
        File.WriteAllBytes(temp["photos/IMG_0003.CR3"], Cr3(Jpeg("c.jpg"), 1800, 1200, shot));
        File.WriteAllBytes(temp["photos/DSC_0004.NEF"], Nef(Jpeg("d.jpg"), shot with { Make = "NIKON CORPORATION", Model = "NIKON Z 8" }));
        File.WriteAllBytes(temp["photos/DSCF0005.RAF"], Raf(Jpeg("e.jpg"), "X-T5"));
        File.WriteAllBytes(temp["photos/IMG_0006.CR2"], Cr2([0xFF, 0xD8, 0xFF], 1800, 1200, shot));
        using var encoder = new OnnxImageEncoder(tiny.Open());

        var summary = await new Indexer(new IndexingPipeline(new Library(temp.Library), services: new IndexingServices { Model = encoder.Model, Encoder = encoder }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);

        await using var catalog = await new Library(temp.Library).OpenAsync();
        var photos = (await catalog.Photos.LoadAsync([.. Enumerable.Range(1, 10).Select(i => (long)i)])).Values
            .ToDictionary(p => Path.GetFileName(p.Paths[0]));
        var vectors = await catalog.Vectors.LoadAllAsync(encoder.Model);
        var thumbnails = new ThumbnailStore(temp.Library);
        Assert.Equal((6, 5), (summary.Found, summary.New));
        var damaged = Assert.Single(summary.Failures).Reason;
        Assert.Contains("is only 3 bytes", damaged, StringComparison.Ordinal);
        Assert.EndsWith("too few for the 1800 x 1200 pixels of its sensor (truncated?)", damaged, StringComparison.Ordinal);
        Assert.Equal(
            [ImageFormat.Nef, ImageFormat.Raf, ImageFormat.Dng, ImageFormat.Cr2, ImageFormat.Cr3],
            new[] { "DSC_0004.NEF", "DSCF0005.RAF", "IMG_0001.DNG", "IMG_0002.CR2", "IMG_0003.CR3" }.Select(n => photos[n].Format));
        foreach (var name in new[] { "IMG_0001.DNG", "IMG_0002.CR2", "IMG_0003.CR3", "DSC_0004.NEF" })
        {
            var photo = photos[name];
            Assert.Equal((1200, 1800, shot.TakenAt), (photo.Width, photo.Height, photo.TakenAt)); // turned by orientation 8
            Assert.True(File.Exists(thumbnails.PathOf(photo.Hash, ThumbnailSize.Grid)), name);
            Assert.True(vectors.ContainsKey(photo.Id), name);
        }
        Assert.Equal("Canon EOS R6", photos["IMG_0003.CR3"].CameraModel);
        Assert.Equal((1800, 1200), (photos["DSCF0005.RAF"].Width, photos["DSCF0005.RAF"].Height));
        Assert.True(vectors.ContainsKey(photos["DSCF0005.RAF"].Id));
    }

    [Fact]
    public async Task Import_LightroomCatalogWithARawOriginalOnDisk_ReadsTheRawItselfNotAPreview()
    {
        using var temp = new TempFolder();
        var photos = temp.Folder("photos");
        var jpeg = File.ReadAllBytes(TestImages.Jpeg(temp["preview.jpg"], 1600, 1200));
        File.WriteAllBytes(Path.Combine(photos, "IMG_7.CR3"), Cr3(jpeg, 1600, 1200, new Shot("Canon", "Canon EOS R7", new DateTime(2022, 3, 4, 5, 6, 7))));
        using (var lrcat = new LightroomCatalogFixture(temp["Main.lrcat"]))
        {
            lrcat.Image(lrcat.Folder(lrcat.Root(photos + "/"), ""), "IMG_7", "CR3");
        }
        var source = new LightroomSource(temp["Main.lrcat"], temp.Folder("library/stand-ins"));

        var summary = await new Indexer(new IndexingPipeline(new Library(temp.Library))).RunAsync(
            new IndexTargets([]) { Libraries = [new LibrarySource(source.SourceId, source)] }, CancellationToken.None);

        await using var catalog = await new Library(temp.Library).OpenAsync();
        var photo = Assert.Single((await catalog.Photos.LoadAsync([1L])).Values);
        Assert.Equal((1, 0), (summary.New, summary.Failed));
        Assert.Equal((ImageFormat.Cr3, 1600, 1200, "Canon EOS R7"), (photo.Format, photo.Width, photo.Height, photo.CameraModel));
        Assert.Equal(Path.Combine(photos, "IMG_7.CR3"), photo.Paths[0]);
        Assert.Empty(Directory.EnumerateFiles(temp["library/stand-ins"]));
        Assert.True(File.Exists(new ThumbnailStore(temp.Library).PathOf(photo.Hash, ThumbnailSize.Grid)));
    }

    [Fact]
    public async Task Index_BayerDngWithoutPreview_CataloguedThroughLibRawWithThumbnailVectorAndMetadata()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestRaws.BayerDng(temp["photos/IMG_0001.DNG"], 256, 192, orientation: 6, taken: "2024:05:06 07:08:09");
        using var encoder = new OnnxImageEncoder(tiny.Open());

        var summary = await new Indexer(new IndexingPipeline(new Library(temp.Library), services: new IndexingServices { Model = encoder.Model, Encoder = encoder }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);

        await using var catalog = await new Library(temp.Library).OpenAsync();
        var photo = Assert.Single((await catalog.Photos.LoadAsync([1L])).Values);
        var thumbnail = new ImageDecoder().Decode(new ThumbnailStore(temp.Library).PathOf(photo.Hash, ThumbnailSize.Grid), 1000, Fit.Within);
        Assert.Equal((1, 1, 0), (summary.Found, summary.New, summary.Failed));
        Assert.Equal((ImageFormat.Dng, 192, 256), (photo.Format, photo.Width, photo.Height));
        Assert.Equal((new DateTime(2024, 5, 6, 7, 8, 9), TestRaws.Make, TestRaws.Model), (photo.TakenAt, photo.CameraMake, photo.CameraModel));
        Assert.True((await catalog.Vectors.LoadAllAsync(encoder.Model)).ContainsKey(photo.Id));
        Shoebox.Tests.Imaging.LibRawDecoderTests.AssertQuadrants(thumbnail, rotatedClockwise: true);
    }

    [Fact]
    public async Task Index_RawWithoutPreviewNorLibRaw_FailsWithHowToInstallThenRetryFailedPicksItUp()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestRaws.BayerDng(temp["photos/IMG_0001.DNG"], 256, 192, taken: "2024:05:06 07:08:09");

        var withoutLibRaw = await new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { Decode = TestRaws.WithoutLibRaw }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);
        var retried = await Fixtures.Cli.SucceedAsync(temp.Library, "index", root, "--retry-failed", "--model", tiny.Path, "--no-ocr", "--json");

        await using var catalog = await new Library(temp.Library).OpenAsync();
        var photo = Assert.Single((await catalog.Photos.LoadAsync([1L])).Values);
        var reason = Assert.Single(withoutLibRaw.Failures).Reason;
        Assert.StartsWith("no usable embedded preview", reason, StringComparison.Ordinal);
        Assert.EndsWith($"; cannot decode: {LibRawDecoder.InstallHint}", reason, StringComparison.Ordinal);
        Assert.Equal(0, retried.Json.GetProperty("failed").GetInt32());
        Assert.Equal((ImageFormat.Dng, 256, 192, TestRaws.Model), (photo.Format, photo.Width, photo.Height, photo.CameraModel));
        Assert.Equal(0, (await catalog.GetStatusAsync()).Failed);
        Assert.True(File.Exists(new ThumbnailStore(temp.Library).PathOf(photo.Hash, ThumbnailSize.Grid)));
    }
}
