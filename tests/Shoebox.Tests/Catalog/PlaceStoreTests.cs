using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>Places from coordinates as the catalog keeps and searches them, on both engines.</summary>
public abstract class PlaceStoreTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static readonly PhotoPlace Lisbon = new("Lisbon, Portugal", "Lisbon", "Lisbon", "Lisbon", "Portugal", "PT", ["lisbon", "lisboa", "portugal"]);
    private static readonly PhotoPlace SaoPaulo = new("São Paulo, Brazil", "São Paulo", null, "São Paulo", "Brazil", "BR", ["sao paulo", "sampa", "brazil", "brasil"]);

    private static async Task<long> AddPhotoAsync(PhotoCatalog catalog, int n, PhotoPlace? place)
    {
        await using var batch = await catalog.BeginBatchAsync();
        var photo = (await catalog.Locations.LinkAsync($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
        await catalog.Places.SaveAsync(photo, place);
        await batch.CommitAsync();
        return photo;
    }

    private static async Task<List<long>> WithPlaceAsync(PhotoCatalog catalog, string place, bool excluded = false) =>
        [.. (await catalog.Photos.FilterAsync(excluded ? new PhotoFilter { ExcludedPlaces = [place] } : new PhotoFilter { Places = [place] })).Order()];

    [Fact]
    public async Task Filter_PlaceByAnyNameAccentsAndCaseIgnored_FindsThePhoto()
    {
        await using var catalog = await Engine.OpenAsync();
        var lisbon = await AddPhotoAsync(catalog, 1, Lisbon);
        var saoPaulo = await AddPhotoAsync(catalog, 2, SaoPaulo);

        Assert.Equal([lisbon], await WithPlaceAsync(catalog, "LISBOA"));
        Assert.Equal([saoPaulo], await WithPlaceAsync(catalog, "São Paulo"));
        Assert.Equal([saoPaulo], await WithPlaceAsync(catalog, "sao-paulo"));
        Assert.Empty(await WithPlaceAsync(catalog, "Lis"));
        Assert.Equal([saoPaulo], await WithPlaceAsync(catalog, "Portugal", excluded: true));
    }

    [Fact]
    public async Task Save_AgainOrNone_ReplacesWhatWasSaid()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await AddPhotoAsync(catalog, 1, Lisbon);

        await catalog.Places.SaveAsync(photo, SaoPaulo);
        Assert.Empty(await WithPlaceAsync(catalog, "Lisbon"));
        Assert.Equal("São Paulo, Brazil", (await catalog.Places.LoadDisplayAsync([photo]))[photo]);

        await catalog.Places.SaveAsync(photo, null);
        Assert.Empty(await catalog.Places.LoadDisplayAsync([photo]));
    }

    [Fact]
    public async Task Count_ByCountryAndTown_CountsPhotos()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotoAsync(catalog, 1, Lisbon);
        await AddPhotoAsync(catalog, 2, Lisbon);
        await AddPhotoAsync(catalog, 3, Lisbon with { City = null, Display = "Lisbon, Portugal" });
        await AddPhotoAsync(catalog, 4, SaoPaulo);
        await AddPhotoAsync(catalog, 5, null);

        var counts = await catalog.Places.CountAsync();

        Assert.Equal(
            [("Brazil", "São Paulo", 1L), ("Portugal", null, 1L), ("Portugal", "Lisbon", 2L)],
            counts.Select(c => (c.Country, c.City, c.Photos)).OrderBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.City, StringComparer.Ordinal));
    }
}

[Tier(Tier.Unit)]
public sealed class SqlitePlaceStoreTests() : PlaceStoreTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresPlaceStoreTests() : PlaceStoreTests(new PostgresEngine());
