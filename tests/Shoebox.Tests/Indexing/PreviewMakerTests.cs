using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Sources.Originals;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

/// <summary>
/// Previews are made when first wanted, from the original as it was indexed, else from its stand-in; never from an
/// archive entry, nor from a file that is another picture now.
/// </summary>
[Tier(Tier.Unit)]
public sealed class PreviewMakerTests
{
    private static (PreviewMaker Maker, ThumbnailStore Store) Make(TempFolder temp)
    {
        var store = new ThumbnailStore(temp.Library);
        return (new PreviewMaker(store, new ImageDecoder()), store);
    }

    // The location as indexing records it: the file's size and time when it was read.
    private static (ContentHash Hash, StoredLocation Location) Indexed(string file) =>
        (ContentHash.Of(File.ReadAllBytes(file)), new StoredLocation(file, null, new FileInfo(file).Length, File.GetLastWriteTimeUtc(file).Ticks));

    [Fact]
    public async Task Ensure_NoPreviewYet_MadeFromTheOriginalWithin1280()
    {
        using var temp = new TempFolder();
        var (hash, original) = Indexed(TestImages.Jpeg(temp["photos/big.jpg"], 2400, 1600));
        var (maker, store) = Make(temp);

        var path = await maker.EnsureAsync(hash, [original]);

        Assert.Equal(store.PathOf(hash, ThumbnailSize.Preview), path);
        using var preview = NetVips.Image.NewFromFile(path!);
        Assert.Equal((1280, 853), (preview.Width, preview.Height));
    }

    [Fact]
    public async Task Ensure_OriginalReplacedByAnotherPicture_NothingMadeFromIt()
    {
        using var temp = new TempFolder();
        var file = TestImages.Jpeg(temp["photos/a.jpg"], 800, 600);
        var (hash, original) = Indexed(file);
        TestImages.Jpeg(file, 640, 480); // someone else's picture under the same name
        var (maker, store) = Make(temp);

        Assert.Null(await maker.EnsureAsync(hash, [original]));
        Assert.False(store.HasPreview(hash));
    }

    [Fact]
    public async Task Ensure_OriginalOffline_MadeFromItsStandIn()
    {
        using var temp = new TempFolder();
        var standIn = TestImages.Jpeg(temp["stand-ins/a.jpg"], 640, 480);
        var hash = ContentHash.Of([7]);
        var (maker, _) = Make(temp);

        var path = await maker.EnsureAsync(hash, [
            new StoredLocation("/Volumes/Unplugged/a.cr2", null, 25_000_000, 0),
            new StoredLocation("/Volumes/Unplugged/a.cr2", new StandIn(standIn), 0, 0)]);

        Assert.NotNull(path);
        using var preview = NetVips.Image.NewFromFile(path);
        Assert.Equal((640, 480), (preview.Width, preview.Height)); // never enlarged
    }

    [Fact]
    public async Task Ensure_OnlyAnArchiveEntry_NothingMade()
    {
        using var temp = new TempFolder();
        var archive = TestImages.Jpeg(temp["takeout.zip"]); // the bytes are inside an archive: not a file to decode
        var hash = ContentHash.Of([7]);
        var (maker, store) = Make(temp);

        Assert.Null(await maker.EnsureAsync(hash, [new StoredLocation(archive + "/Photos/a.jpg", new ArchiveEntry(archive, "Photos/a.jpg"), 10, 0)]));
        Assert.False(store.HasPreview(hash));
    }

    [Fact]
    public async Task Ensure_PreviewThere_KeptAsItIs()
    {
        using var temp = new TempFolder();
        var (hash, original) = Indexed(TestImages.Jpeg(temp["photos/a.jpg"], 800, 600));
        var (maker, _) = Make(temp);
        var path = (await maker.EnsureAsync(hash, [original]))!;
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(path, await maker.EnsureAsync(hash, [original]));
        Assert.Equal(2020, File.GetLastWriteTimeUtc(path).Year);
    }
}
