using Shoebox.Models.Places;

namespace Shoebox.Tests.Models.Places;

/// <summary>Reverse geocoding over small tables made here, with coordinates chosen for each case.</summary>
[Tier(Tier.Unit)]
public sealed class PlaceFinderTests
{
    private static PlaceFinder Finder(params PlaceRecord[] places) => new(PlaceTable.From(places, "test"));

    private static readonly PlaceRecord Lisbon = new("Lisbon", 38.71667, -9.13333, 517_802, "PT", "Lisbon", "Lisbon", ["Lisboa", "Lisbonne", "LIS"]);

    [Fact]
    public void Find_PointInACity_NamesCityRegionsAndCountry()
    {
        var match = Finder(Lisbon).Find(38.72, -9.14);

        Assert.NotNull(match);
        Assert.Equal("Lisbon", match.City);
        Assert.Equal("Lisbon", match.Region);
        Assert.Equal("Portugal", match.Country.Name);
        Assert.Equal("Lisbon, Portugal", match.Display);
        Assert.Contains("lisboa", match.SearchNames);
        Assert.Contains("portugal", match.SearchNames);
    }

    [Fact]
    public void Find_BigCitysOutskirts_PrefersTheCityOverANearerVillage()
    {
        // 10 km west of Lisbon's centre, 2.5 km from a village of 600: inside Lisbon's reach (about 25 km), deeper than
        // in the village's (about 3.7 km).
        var village = new PlaceRecord("Village", 38.71667, -9.27, 600, "PT", "Lisbon", "Oeiras");

        var match = Finder(Lisbon, village).Find(38.71667, -9.2413);

        Assert.Equal("Lisbon", match?.City);
    }

    [Fact]
    public void Find_NextToAVillage_NamesTheVillage()
    {
        var village = new PlaceRecord("Village", 38.71667, -9.30, 600, "PT", "Lisbon", "Oeiras");

        var match = Finder(Lisbon, village).Find(38.71667, -9.305);

        Assert.Equal("Village", match?.City);
        Assert.Equal("Oeiras", match?.Subregion);
    }

    [Fact]
    public void Find_MidOcean_FindsNothing()
    {
        Assert.Null(Finder(Lisbon).Find(35.0, -40.0));
    }

    [Fact]
    public void Find_OffTheCoastOutOfEveryTownsReach_GivesRegionAndCountryWithoutCity()
    {
        var village = new PlaceRecord("Village", 38.71667, -9.30, 600, "PT", "Lisbon", "Oeiras");

        // About 15 km west of the village: beyond its reach, within the regions' 25 km.
        var match = Finder(village).Find(38.71667, -9.4725);

        Assert.NotNull(match);
        Assert.Null(match.City);
        Assert.Equal("Portugal", match.Country.Name);
        Assert.Equal("Lisbon, Portugal", match.Display);
    }

    [Fact]
    public void Find_OnABorder_TakesTheTownOnTheNearerSide()
    {
        // Two towns of the same size 6 km apart across the Portuguese-Spanish border (Elvas and Badajoz are about that).
        var elvas = new PlaceRecord("Elvas", 38.88, -7.16, 20_000, "PT", "Portalegre");
        var badajoz = new PlaceRecord("Badajoz", 38.88, -7.09, 20_000, "ES", "Extremadura");
        var finder = Finder(elvas, badajoz);

        Assert.Equal("Portugal", finder.Find(38.88, -7.14)?.Country.Name);
        Assert.Equal("Spain", finder.Find(38.88, -7.11)?.Country.Name);
    }

    [Fact]
    public void Find_AcrossTheDateLine_FindsThePlaceOnTheOtherSide()
    {
        var taveuni = new PlaceRecord("Waiyevo", -16.79, 179.98, 1_000, "FJ", "Northern");
        var finder = Finder(taveuni);

        Assert.Equal("Waiyevo", finder.Find(-16.79, -179.99)?.City);
        Assert.Equal("Waiyevo", finder.Find(-16.79, 180.0)?.City);
    }

    [Theory]
    [InlineData(89.99, 0.0)]
    [InlineData(89.99, 180.0)]
    [InlineData(90.0, -45.0)]
    public void Find_NearThePole_FindsAPlaceWhateverTheLongitude(double latitude, double longitude)
    {
        // A station 2 km from the pole, at a longitude other than the photo's: the distance is on the sphere.
        var station = new PlaceRecord("Pole Station", 89.98, 90.0, 1_000, "AQ");

        Assert.Equal("Pole Station", Finder(station).Find(latitude, longitude)?.City);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(91.0, 10.0)]
    [InlineData(-90.5, 10.0)]
    [InlineData(10.0, 180.5)]
    [InlineData(double.NaN, 10.0)]
    public void Find_ZeroOrOutOfRange_IsIgnoredAndSaysWhy(double latitude, double longitude)
    {
        // A place right beside 0, 0 (Null Island has none, but a table might): 0, 0 is still no place.
        var finder = Finder(new PlaceRecord("Somewhere", 0.01, 0.01, 100_000, "GH"), new PlaceRecord("North", 89.9, 10, 1_000, "GL"));

        Assert.Null(finder.Find(latitude, longitude));
        Assert.NotNull(PlaceFinder.Unusable(latitude, longitude));
    }

    [Fact]
    public void Unusable_OrdinaryCoordinates_IsNull()
    {
        Assert.Null(PlaceFinder.Unusable(38.7, -9.1));
        Assert.Null(PlaceFinder.Unusable(-90, 180));
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameAnswers()
    {
        var table = PlaceTable.From([Lisbon, new PlaceRecord("Tokyo", 35.6895, 139.69171, 8_336_599, "JP", "Tokyo", null, ["東京"])], "v-test");
        using var stream = new MemoryStream();
        table.Save(stream);
        stream.Position = 0;

        var loaded = new PlaceFinder(PlaceTable.Load(stream));

        Assert.Equal("v-test", loaded.Table.Version);
        Assert.Equal("Lisbon, Portugal", loaded.Find(38.72, -9.14)?.Display);
        var tokyo = loaded.Find(35.7, 139.7);
        Assert.Equal("Tokyo, Japan", tokyo?.Display);
        Assert.Contains("東京", tokyo!.SearchNames);
        Assert.Contains("日本", tokyo.SearchNames);
    }

    [Fact]
    public void Load_CutShort_IsInvalidData()
    {
        using var stream = new MemoryStream();
        PlaceTable.From([Lisbon], "v").Save(stream);
        using var cut = new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)]);

        Assert.Throws<InvalidDataException>(() => PlaceTable.Load(cut));
    }

    [Fact]
    public void DistanceKm_AcrossTheDateLine_IsShort()
    {
        Assert.InRange(PlaceFinder.DistanceKm(0, 179.9, 0, -179.9), 22, 23);
    }
}
