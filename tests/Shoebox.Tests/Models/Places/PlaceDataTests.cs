using Shoebox.Models.Places;

namespace Shoebox.Tests.Models.Places;

/// <summary>The lookup over the real GeoNames data, at places whose names are known.</summary>
[Tier(Tier.Places)]
public sealed class PlaceDataTests
{
    private static PlaceFinder Finder => PlaceDataFixture.Finder;

    [Fact]
    public void Open_RealData_HoldsTheWorldsPopulatedPlaces()
    {
        Assert.InRange(Finder.Table.Count, 190_000, 200_000);
        Assert.Equal(PlaceData.Version, Finder.Table.Version);
    }

    [Fact]
    public void Find_CentralLisbon_IsLisbonPortugalAlsoCalledLisboa()
    {
        var match = Finder.Find(38.7107, -9.1366);

        Assert.NotNull(match);
        Assert.Equal("Lisbon, Portugal", match.Display);
        Assert.Contains("lisboa", match.SearchNames);
        Assert.Equal("PT", match.Country.Code);
    }

    [Fact]
    public void Find_Belem_IsLisbonNotAlgesWhoseCentreIsNearer()
    {
        // Belém is in Lisbon, 6.6 km from its centre and 2 km from Algés', a town of 19,000 across the boundary.
        var match = Finder.Find(38.6975, -9.2063);

        Assert.Equal("Lisbon", match?.City);
        Assert.Equal("Lisbon", match?.Subregion);
    }

    [Fact]
    public void Find_SaoPaulo_IsFoundByItsUnaccentedName()
    {
        var match = Finder.Find(-23.5505, -46.6333);

        Assert.Equal("São Paulo", match?.City);
        Assert.Contains("sao paulo", match!.SearchNames);
        Assert.Contains("brazil", match.SearchNames);
        Assert.Contains("brasil", match.SearchNames);
    }

    [Fact]
    public void Find_Chicago_NamesTheStateAndCountry()
    {
        var match = Finder.Find(41.8781, -87.6298);

        Assert.Equal("Chicago", match?.City);
        Assert.Equal("Illinois", match?.Region);
        Assert.Equal("United States", match?.Country.Name);
    }

    [Fact]
    public void Find_MidAtlantic_FindsNothing()
    {
        Assert.Null(Finder.Find(30.0, -40.0));
        Assert.Null(Finder.Find(-45.0, -130.0));
    }

    [Fact]
    public void Find_TownsNearTheDateLine_AreInTheirCountries()
    {
        Assert.Equal("Labasa, Fiji", Finder.Find(-16.43, 179.37)?.Display);
        Assert.Equal("Egvekinot, Russia", Finder.Find(66.32, -179.12)?.Display);
    }
}
