using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>A camera raw paired with the JPEG of the same shot: one photo, two files, the raw never read as the photo.</summary>
public abstract class CatalogRawPairTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static ContentHash Hash(int n) => ContentHash.Of(BitConverter.GetBytes(n));

    [Fact]
    public async Task Pair_RawBesideJpeg_ListedLastAndNeverReadAsThePhoto()
    {
        await using var catalog = await Engine.OpenAsync();
        var jpeg = await catalog.Locations.LinkAsync("/p/IMG_1.JPG", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);

        await catalog.Locations.PairAsync("/p/IMG_1.CR2", "/p", 20, 1, jpeg.PhotoId, DateTimeOffset.UtcNow);

        var locations = await catalog.Locations.OfPhotoAsync(jpeg.PhotoId);
        Assert.Equal(["/p/IMG_1.JPG", "/p/IMG_1.CR2"], locations.Select(l => l.Path));
        Assert.Equal([true, false], locations.Select(l => l.HoldsContent));
        Assert.True(locations[1].IsPairedRaw);
        Assert.Equal(["/p/IMG_1.JPG", "/p/IMG_1.CR2"], (await catalog.Photos.FindAsync(jpeg.PhotoId))!.Paths);
        Assert.Empty(await catalog.Duplicates.LoadCopiesAsync());
        Assert.Equal(["/p/IMG_1.JPG"], (await catalog.Duplicates.LoadFilesAsync([jpeg.PhotoId]))[jpeg.PhotoId].Select(f => f.Path));
        Assert.Equal("/p/IMG_1.JPG", Assert.Single(await catalog.Stages.ListPendingAsync([Stages.Thumbnails])).Path);
        Assert.Equal(1, (await catalog.GetStatusAsync()).Photos);
    }

    [Fact]
    public async Task ListPairsToSplit_JpegGone_NamesItsRawOnly()
    {
        await using var catalog = await Engine.OpenAsync();
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-5);
        var gone = await catalog.Locations.LinkAsync("/p/gone/IMG_1.JPG", "/p/gone", 10, 1, Hash(1), ImageFormat.Jpeg, earlier);
        var kept = await catalog.Locations.LinkAsync("/p/kept/IMG_2.JPG", "/p/kept", 10, 1, Hash(2), ImageFormat.Jpeg, earlier);
        await catalog.Locations.PairAsync("/p/gone/IMG_1.CR2", "/p/gone", 20, 1, gone.PhotoId, earlier);
        await catalog.Locations.PairAsync("/p/kept/IMG_2.CR2", "/p/kept", 20, 1, kept.PhotoId, earlier);

        await catalog.Locations.RecordVanishedAsync(["/p/gone"], DateTimeOffset.UtcNow.AddMinutes(-1), []);
        var split = await catalog.Locations.ListPairsToSplitAsync(all: false);
        var all = await catalog.Locations.ListPairsToSplitAsync(all: true);

        Assert.Empty(split); // the vanished raw of a vanished JPEG is forgotten with it, not split
        Assert.Equal(["/p/kept/IMG_2.CR2"], all.Select(l => l.Path));
        Assert.Equal(["/p/gone/IMG_1.JPG"], (await catalog.Locations.OfPhotoAsync(gone.PhotoId)).Select(l => l.Path));
    }

    [Fact]
    public async Task ListPairsToSplit_JpegEditedIntoAnotherPhoto_NamesTheRaw()
    {
        await using var catalog = await Engine.OpenAsync();
        var before = await catalog.Locations.LinkAsync("/p/IMG_1.JPG", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        await catalog.Locations.PairAsync("/p/IMG_1.CR2", "/p", 20, 1, before.PhotoId, DateTimeOffset.UtcNow);

        var after = await catalog.Locations.LinkAsync("/p/IMG_1.JPG", "/p", 11, 2, Hash(2), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        var split = await catalog.Locations.ListPairsToSplitAsync(all: false);

        Assert.NotEqual(before.PhotoId, after.PhotoId);
        var raw = Assert.Single(split);
        Assert.Equal(("/p/IMG_1.CR2", before.PhotoId, true), (raw.Path, raw.PhotoId, raw.Paired));
    }

    [Fact]
    public async Task Link_PairedRawReadOnItsOwn_NoLongerPaired()
    {
        await using var catalog = await Engine.OpenAsync();
        var jpeg = await catalog.Locations.LinkAsync("/p/IMG_1.JPG", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        await catalog.Locations.PairAsync("/p/IMG_1.CR2", "/p", 20, 1, jpeg.PhotoId, DateTimeOffset.UtcNow);

        var raw = await catalog.Locations.LinkAsync("/p/IMG_1.CR2", "/p", 20, 1, Hash(3), ImageFormat.Tiff, DateTimeOffset.UtcNow);

        Assert.NotEqual(jpeg.PhotoId, raw.PhotoId);
        Assert.False(Assert.Single(await catalog.Locations.OfPhotoAsync(raw.PhotoId)).IsPairedRaw);
        Assert.Equal(["/p/IMG_1.JPG"], (await catalog.Locations.OfPhotoAsync(jpeg.PhotoId)).Select(l => l.Path));
        Assert.False((await catalog.Locations.FindPairableAsync(["/p/IMG_1.CR2"]))["/p/IMG_1.CR2"].Paired);
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogRawPairTests() : CatalogRawPairTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogRawPairTests() : CatalogRawPairTests(new PostgresEngine());
