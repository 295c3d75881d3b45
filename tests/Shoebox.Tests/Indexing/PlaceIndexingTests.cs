using System.Globalization;
using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Places;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

/// <summary>
/// Photos whose only clue to where they were taken is their coordinates (an XMP sidecar with GPS and nothing else),
/// placed by indexing with a small place table made here, then found by `shoebox search`.
/// </summary>
[Tier(Tier.Unit)]
public sealed class PlaceIndexingTests
{
    private static PlaceFinder Finder(string version = "test-1") => PlaceWorld.Finder(version);

    private static string PhotoAt(TempFolder temp, string name, double latitude, double longitude)
    {
        var photo = TestImages.Jpeg(temp[$"photos/{name}.jpg"]);
        PlaceWorld.Sidecar(photo, latitude, longitude);
        return photo;
    }

    private static Task<IndexSummary> IndexAsync(TempFolder temp, PlaceFinder? finder) => PlaceWorld.IndexAsync(temp.Library, temp["photos"], finder);

    private static async Task<List<string>> FoundAsync(TempFolder temp, string query)
    {
        var result = await Fixtures.Cli.RunAsync("search", query, "--library", temp.Library, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        return [.. result.Json.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).Order()];
    }

    private static async Task<TempFolder> WorldTourAsync()
    {
        var temp = new TempFolder();
        PhotoAt(temp, "tram", PlaceWorld.Lisbon.Latitude, PlaceWorld.Lisbon.Longitude);
        PhotoAt(temp, "avenida", PlaceWorld.SaoPaulo.Latitude, PlaceWorld.SaoPaulo.Longitude);
        PhotoAt(temp, "bean", PlaceWorld.Chicago.Latitude, PlaceWorld.Chicago.Longitude);
        PhotoAt(temp, "ocean", 35.0, -40.0);
        PhotoAt(temp, "nofix", 0, 0);
        TestImages.Jpeg(temp["photos/indoors.jpg"]);
        await IndexAsync(temp, Finder());
        return temp;
    }

    [Theory]
    [InlineData("place:Lisbon", "tram.jpg")]
    [InlineData("place:lisboa", "tram.jpg")]
    [InlineData("place:Portugal", "tram.jpg")]
    [InlineData("place:\"Sao Paulo\"", "avenida.jpg")]
    [InlineData("place:\"SÃO PAULO\"", "avenida.jpg")]
    [InlineData("place:Brasil", "avenida.jpg")]
    [InlineData("place:Illinois", "bean.jpg")]
    [InlineData("place:\"Cook County\"", "bean.jpg")]
    [InlineData("place:\"United States\"", "bean.jpg")]
    [InlineData("Lisboa", "tram.jpg")]
    [InlineData("chicago", "bean.jpg")]
    public async Task Search_PhotosWithOnlyCoordinates_AreFoundByTheirPlacesNames(string query, string photo)
    {
        using var temp = await WorldTourAsync();

        Assert.Equal([photo], await FoundAsync(temp, query));
    }

    [Fact]
    public async Task Search_PlaceByPartOfAName_FindsNothing()
    {
        using var temp = await WorldTourAsync();

        // Names are matched whole: "Lis" is no place, and "-place:" keeps the other photos.
        Assert.Empty(await FoundAsync(temp, "place:Lis"));
        Assert.DoesNotContain("tram.jpg", await FoundAsync(temp, "-place:Portugal"));
    }

    [Fact]
    public async Task Search_Json_SaysThePlace()
    {
        using var temp = await WorldTourAsync();

        var result = await Fixtures.Cli.RunAsync("search", "place:Lisbon", "--library", temp.Library, "--json");
        var found = Assert.Single(result.Json.GetProperty("results").EnumerateArray());

        Assert.Equal("Lisbon, Portugal", found.GetProperty("place").GetString());
    }

    [Fact]
    public async Task Index_MidOceanAndZeroCoordinates_GetNoPlaceAndZeroIsReported()
    {
        using var temp = await WorldTourAsync();
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var status = await catalog.GetStatusAsync();
        var places = await catalog.Places.CountAsync();

        Assert.Equal(["Brazil", "Portugal", "United States"], places.Select(p => p.Country).Order());
        Assert.Equal(new StageCounts(0, 5, 1), status.Stages[Stages.Places]);
        Assert.Contains(status.Failures, f => f.Path.EndsWith("nofix.jpg", StringComparison.Ordinal) && f.Reason.Contains("0, 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_CoordinatesOutOfRange_AreIgnoredAndReported()
    {
        using var temp = new TempFolder();
        PhotoAt(temp, "tram", PlaceWorld.Lisbon.Latitude, PlaceWorld.Lisbon.Longitude);
        await IndexAsync(temp, finder: null);
        // What a damaged file or library might hand over; the sources' readers already refuse most of it.
        SetCoordinates(temp, 95, PlaceWorld.Lisbon.Longitude);

        await IndexAsync(temp, Finder());

        await using var catalog = await new Library(temp.Library).OpenAsync();
        var status = await catalog.GetStatusAsync();
        Assert.Equal(new StageCounts(0, 0, 1), status.Stages[Stages.Places]);
        Assert.Contains(status.Failures, f => f.Reason.Contains("out of range", StringComparison.Ordinal));
        Assert.Empty(await FoundAsync(temp, "place:Lisbon"));
    }

    [Fact]
    public async Task Index_NewPlaceData_PlacesEveryPhotoAgain()
    {
        using var temp = new TempFolder();
        PhotoAt(temp, "tram", PlaceWorld.Lisbon.Latitude, PlaceWorld.Lisbon.Longitude);
        await IndexAsync(temp, Finder("test-1"));
        var renamed = new PlaceFinder(PlaceTable.From([PlaceWorld.Places[0] with { Name = "Lisboa Renamed" }], "test-2"));

        await IndexAsync(temp, renamed);

        Assert.Equal(["tram.jpg"], await FoundAsync(temp, "place:\"Lisboa Renamed\""));
    }

    [Fact]
    public async Task Index_WithoutPlaceData_QueuesNothingAndAFollowingRunPlacesEveryPhoto()
    {
        using var temp = new TempFolder();
        PhotoAt(temp, "tram", PlaceWorld.Lisbon.Latitude, PlaceWorld.Lisbon.Longitude);
        await IndexAsync(temp, finder: null);
        Assert.Empty(await FoundAsync(temp, "place:Lisbon"));

        await IndexAsync(temp, Finder());

        Assert.Equal(["tram.jpg"], await FoundAsync(temp, "place:Lisbon"));
    }

    [Fact]
    public async Task Search_PlaceAPhotoLibraryGave_IsKeptAndShownBeforeTheCoordinatesOne()
    {
        using var temp = new TempFolder();
        PhotoAt(temp, "tram", PlaceWorld.Lisbon.Latitude, PlaceWorld.Lisbon.Longitude);
        await IndexAsync(temp, Finder());
        Execute(temp, "INSERT INTO texts (photo_id, kind, source, content) SELECT id, 'place', 'takeout', 'Alfama, Lisboa' FROM photos");

        var result = await Fixtures.Cli.RunAsync("search", "place:Alfama", "--library", temp.Library, "--json");

        Assert.Equal("Alfama, Lisboa", Assert.Single(result.Json.GetProperty("results").EnumerateArray()).GetProperty("place").GetString());
        Assert.Equal(["tram.jpg"], await FoundAsync(temp, "place:Portugal"));
    }

    private static void SetCoordinates(TempFolder temp, double latitude, double longitude) =>
        Execute(temp, string.Create(CultureInfo.InvariantCulture, $"UPDATE photos SET latitude = {latitude}, longitude = {longitude}"));

    private static void Execute(TempFolder temp, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
