using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Indexing.Faces;
using Shoebox.Tests.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

[Tier(Tier.EndToEnd)]
public class PeopleApiTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await library.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    // Two photos of one face and a third of another, grouped as indexing groups them.
    private async Task<(long Car, long Beach, long Cake)> SeedAsync()
    {
        var (car, beach, cake) = (await library.IdOfAsync("red-car.jpg"), await library.IdOfAsync("sunset-beach.jpg"), await library.IdOfAsync("birthday-cake.jpg"));
        await using var catalog = await new Library(library.Temp.Library, library.Catalog).OpenAsync();
        await catalog.Faces.SaveAsync(car, "test", [CatalogPeopleTests.Face(0.3, 0.1f)]);
        await catalog.Faces.SaveAsync(beach, "test", [CatalogPeopleTests.Face(0.4, 0.11f)]);
        await catalog.Faces.SaveAsync(cake, "test", [CatalogPeopleTests.Face(0.5, 0.5f)]);
        await FaceGrouping.RunAsync(catalog, new PeopleGrouper());
        return (car, beach, cake);
    }

    [Fact]
    public async Task People_NamedMergedAndFacesMoved_AnswerAsTheContractSays()
    {
        var (car, beach, cake) = await SeedAsync();

        var people = (await SendAsync(HttpMethod.Get, "/api/people")).Body.GetProperty("people");
        Assert.Equal([2, 1], people.EnumerateArray().Select(p => p.GetProperty("photos").GetInt32()));
        var pair = people[0].GetProperty("id").GetInt64();
        var single = people[1].GetProperty("id").GetInt64();
        Assert.Equal(JsonValueKind.Null, people[0].GetProperty("name").ValueKind);
        Assert.True(people[0].GetProperty("cover").GetProperty("faceId").GetInt64() > 0);

        var named = await SendAsync(HttpMethod.Put, $"/api/people/{single}/name", new { name = "Ada" });
        Assert.Equal(HttpStatusCode.OK, named.Status);
        Assert.Equal("Ada", named.Body.GetProperty("name").GetString());
        Assert.Equal(single, (await SendAsync(HttpMethod.Get, "/api/people")).Body.GetProperty("people")[0].GetProperty("id").GetInt64());
        Assert.Equal([cake], Ids(await SendAsync(HttpMethod.Get, "/api/search?q=person:ada")));
        Assert.Equal(cake, Ids(await SendAsync(HttpMethod.Get, "/api/search?q=Ada"))[0]); // the model's nearest photos follow

        var faces = await SendAsync(HttpMethod.Get, $"/api/photos/{cake}/faces");
        var face = faces.Body[0];
        Assert.Equal(0.5, face.GetProperty("box").GetProperty("x").GetDouble(), 6);
        Assert.Equal("Ada", face.GetProperty("person").GetProperty("name").GetString());

        var merged = await SendAsync(HttpMethod.Post, $"/api/people/{pair}/merge", new { into = single });
        Assert.Equal((HttpStatusCode.OK, 3), (merged.Status, merged.Body.GetProperty("photos").GetInt32()));
        var page = await SendAsync(HttpMethod.Get, $"/api/people/{single}");
        Assert.Equal(new[] { beach, cake, car }.Order(), page.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/people/{pair}")).Status);

        var carFace = (await SendAsync(HttpMethod.Get, $"/api/photos/{car}/faces")).Body[0].GetProperty("id").GetInt64();
        var moved = await SendAsync(HttpMethod.Post, $"/api/faces/{carFace}/person", new { person = (long?)null });
        Assert.Equal((HttpStatusCode.OK, JsonValueKind.Null), (moved.Status, moved.Body.GetProperty("person").ValueKind));
        Assert.Equal(new[] { beach, cake }.Order(), Ids(await SendAsync(HttpMethod.Get, "/api/search?q=person:Ada")).Order());

        var beachFace = (await SendAsync(HttpMethod.Get, $"/api/photos/{beach}/faces")).Body[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, $"/api/faces/{beachFace}/not-a-face")).Status);
        Assert.Equal(0, (await SendAsync(HttpMethod.Get, $"/api/photos/{beach}/faces")).Body.GetArrayLength());
    }

    [Fact]
    public async Task Person_PhotoWithAPlace_SaysItAsSearchResultsDo()
    {
        var (_, _, cake) = await SeedAsync();
        await using (var catalog = await new Library(library.Temp.Library, library.Catalog).OpenAsync())
        {
            await catalog.Places.SaveAsync(cake, new PhotoPlace("Lisbon, Portugal", "Lisbon", null, "Lisbon", "Portugal", "PT", ["lisbon", "portugal"]));
        }
        var person = (await SendAsync(HttpMethod.Get, $"/api/photos/{cake}/faces")).Body[0].GetProperty("person").GetProperty("id").GetInt64();

        var page = await SendAsync(HttpMethod.Get, $"/api/people/{person}");

        var result = page.Body.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == cake);
        Assert.Equal("Lisbon, Portugal", result.GetProperty("place").GetString());
    }

    [Fact]
    public async Task FaceThumb_Face_IsAJpeg()
    {
        var (car, _, _) = await SeedAsync();
        var face = (await SendAsync(HttpMethod.Get, $"/api/photos/{car}/faces")).Body[0].GetProperty("id").GetInt64();

        using var response = await library.Client.GetAsync($"/api/faces/{face}/thumb");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8], (await response.Content.ReadAsByteArrayAsync())[..2]);
    }

    [Fact]
    public async Task Writes_BadOrMissing_AreClearErrors()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/api/people/999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Put, "/api/people/999999/name", new { name = "Ada" })).Status);
        var (status, body) = await SendAsync(HttpMethod.Put, "/api/people/1/name", new { name = new string('a', 101) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("100 characters", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, "/api/people/1/merge", new { into = 1 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, "/api/faces/1/person", new { who = 1 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/api/faces/999999/not-a-face")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/api/faces/999999/thumb")).Status);
    }

    private static List<long> Ids((HttpStatusCode Status, JsonElement Body) answer) =>
        [.. answer.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
}
