using System.Text.Json;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>Places through the web API: the Places page's endpoint, and the place of each result and photo.</summary>
[Tier(Tier.EndToEnd)]
public sealed class PlaceApiTests(ServedPlaces served) : IClassFixture<ServedPlaces>
{
    [Fact]
    public async Task Places_LibraryWithPlacedPhotos_ListsCountriesAndTownsWithCountsAndTheCredit()
    {
        var answer = await served.GetJsonAsync("/api/places");

        var countries = answer.GetProperty("countries").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["Brazil", "Portugal"], countries.Keys.Order());
        var portugal = countries["Portugal"];
        Assert.Equal("PT", portugal.GetProperty("code").GetString());
        Assert.Equal(1, portugal.GetProperty("photos").GetInt64());
        var lisbon = Assert.Single(portugal.GetProperty("towns").EnumerateArray());
        Assert.Equal(("Lisbon", 1L), (lisbon.GetProperty("name").GetString(), lisbon.GetProperty("photos").GetInt64()));
        Assert.Contains("GeoNames", answer.GetProperty("credit").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PlaceByItsLocalName_AnswersWithThePlace()
    {
        var page = await served.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("place:Lisboa"));

        var found = Assert.Single(page.GetProperty("results").EnumerateArray());
        Assert.EndsWith("red-car.jpg", found.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("Lisbon, Portugal", found.GetProperty("place").GetString());
    }

    [Fact]
    public async Task Photo_Placed_SaysItsPlaceAndNotItsListOfNames()
    {
        var id = await served.IdOfAsync("sunset-beach.jpg");

        var details = await served.GetJsonAsync($"/api/photos/{id}");

        Assert.Equal("São Paulo, Brazil", details.GetProperty("photo").GetProperty("place").GetString());
        Assert.DoesNotContain(details.GetProperty("texts").EnumerateArray(), t => t.GetProperty("kind").GetString() == "place-names");
    }

    [Fact]
    public async Task OpenApi_Places_IsDescribed()
    {
        var paths = (await served.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/places").GetProperty("get").GetProperty("summary").GetString()));
    }
}
