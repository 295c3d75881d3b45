using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

/// <summary>Previews are made when first wanted, from the original, else from its stand-in; never from an archive entry.</summary>
[Tier(Tier.Unit)]
public sealed class PreviewMakerTests
{
    private static readonly ContentHash Hash = ContentHash.Of([7]);

    private static (PreviewMaker Maker, ThumbnailStore Store) Make(TempFolder temp)
    {
        var store = new ThumbnailStore(temp.Library);
        return (new PreviewMaker(store, new ImageDecoder()), store);
    }

    [Fact]
    public void Ensure_NoPreviewYet_MadeFromTheOriginalWithin1280()
    {
        using var temp = new TempFolder();
        var original = TestImages.Jpeg(temp["photos/big.jpg"], 2400, 1600);
        var (maker, store) = Make(temp);

        var path = maker.Ensure(Hash, [(original, null)]);

        Assert.Equal(store.PathOf(Hash, ThumbnailSize.Preview), path);
        using var preview = NetVips.Image.NewFromFile(path!);
        Assert.Equal((1280, 853), (preview.Width, preview.Height));
    }

    [Fact]
    public void Ensure_OriginalOffline_MadeFromItsStandIn()
    {
        using var temp = new TempFolder();
        var standIn = TestImages.Jpeg(temp["stand-ins/a.jpg"], 640, 480);
        var (maker, _) = Make(temp);

        var path = maker.Ensure(Hash, [("/Volumes/Unplugged/a.cr2", new StandIn(standIn))]);

        Assert.NotNull(path);
        using var preview = NetVips.Image.NewFromFile(path);
        Assert.Equal((640, 480), (preview.Width, preview.Height)); // never enlarged
    }

    [Fact]
    public void Ensure_OnlyAnArchiveEntry_NothingMade()
    {
        using var temp = new TempFolder();
        var archive = TestImages.Jpeg(temp["takeout.zip"]); // the bytes are inside an archive: not a file to decode
        var (maker, store) = Make(temp);

        Assert.Null(maker.Ensure(Hash, [(archive + "/Photos/a.jpg", new ArchiveEntry(archive, "Photos/a.jpg"))]));
        Assert.False(store.HasPreview(Hash));
    }

    [Fact]
    public void Ensure_PreviewThere_KeptAsItIs()
    {
        using var temp = new TempFolder();
        var original = TestImages.Jpeg(temp["photos/a.jpg"], 800, 600);
        var (maker, _) = Make(temp);
        var path = maker.Ensure(Hash, [(original, null)])!;
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(path, maker.Ensure(Hash, [(original, null)]));
        Assert.Equal(2020, File.GetLastWriteTimeUtc(path).Year);
    }
}
