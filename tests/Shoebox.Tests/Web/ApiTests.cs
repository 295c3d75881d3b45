using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>The web API as clients see it, whichever engine holds the catalog.</summary>
public abstract class ApiContract(ServedLibrary library)
{
    private HttpClient Client => library.Client;

    [Fact]
    public async Task Search_FileNameWord_ReturnsThatPhotoWithTheCliShape()
    {
        var page = await library.GetJsonAsync("/api/search?q=sunset");

        var results = page.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        var first = results[0];
        Assert.EndsWith("sunset-beach.jpg", first.GetProperty("path").GetString());
        foreach (var name in new[] { "id", "hash", "paths", "score", "width", "height", "format" })
        {
            Assert.True(first.TryGetProperty(name, out _), name);
        }
        Assert.Equal("sunset", page.GetProperty("query").GetString());
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(JsonValueKind.Array, page.GetProperty("problems").ValueKind);
        Assert.Equal(JsonValueKind.Array, page.GetProperty("notes").ValueKind);
    }

    [Fact]
    public async Task Search_Paging_NextOffsetReturnsTheRest()
    {
        var first = await library.GetJsonAsync("/api/search?q=&limit=4");
        var second = await library.GetJsonAsync("/api/search?q=&limit=4&offset=4");

        Assert.Equal(4, first.GetProperty("results").GetArrayLength());
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Equal(ServedLibrary.Names.Length - 4, second.GetProperty("results").GetArrayLength());
        Assert.False(second.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Random_Limit_ReturnsThatManyPhotos()
    {
        var page = await library.GetJsonAsync("/api/random?limit=3");

        Assert.Equal(3, page.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Similar_PhotoId_ReturnsOtherPhotosBySimilarity()
    {
        var id = await library.IdOfAsync("red-car.jpg");

        var page = await library.GetJsonAsync($"/api/photos/{id}/similar?limit=10");

        Assert.Equal("similarity", page.GetProperty("scoreKind").GetString());
        Assert.True(page.GetProperty("results").GetArrayLength() >= ServedLibrary.Names.Length - 1);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.GetProperty("like").GetString());
    }

    [Fact]
    public async Task Photo_Known_ReturnsDetailsWithLocations()
    {
        var id = await library.IdOfAsync("cat-meme.png");

        var details = await library.GetJsonAsync($"/api/photos/{id}");

        Assert.Equal(id, details.GetProperty("photo").GetProperty("id").GetInt64());
        var location = Assert.Single(details.GetProperty("locations").EnumerateArray());
        Assert.Equal(library.Temp["photos/cat-meme.png"], location.GetProperty("path").GetString());
        Assert.True(details.GetProperty("size").GetInt64() > 0);
        Assert.True(details.GetProperty("hasVector").GetBoolean());
    }

    [Theory]
    [InlineData("/api/photos/999999")]
    [InlineData("/api/photos/999999/thumbnail")]
    [InlineData("/api/photos/999999/original")]
    [InlineData("/api/photos/999999/similar")]
    public async Task Photo_UnknownId_Returns404WithJsonError(string url)
    {
        using var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("999999", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Thumbnail_Grid_IsAnImmutableJpegWithAnETag()
    {
        var id = await library.IdOfAsync("mountain.jpg");

        using var response = await Client.GetAsync($"/api/photos/{id}/thumbnail?size=grid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.NotNull(response.Headers.ETag);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
    }

    [Fact]
    public async Task Thumbnail_PreviewNotMadeYet_IsMadeFromTheOriginalOnFirstRequest()
    {
        var id = await library.IdOfAsync("sunset-beach.jpg");
        var hash = ContentHash.Parse((await library.GetJsonAsync($"/api/photos/{id}")).GetProperty("photo").GetProperty("hash").GetString()!);
        var preview = new ThumbnailStore(library.Temp.Library).PathOf(hash, ThumbnailSize.Preview);
        var before = File.Exists(preview);

        using var response = await Client.GetAsync($"/api/photos/{id}/thumbnail?size=preview");

        Assert.False(before); // indexing makes the grid thumbnails only
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0xFF, 0xD8], (await response.Content.ReadAsByteArrayAsync())[..2]);
        Assert.True(File.Exists(preview));
    }

    [Fact]
    public async Task Thumbnail_IfNoneMatch_Returns304()
    {
        var id = await library.IdOfAsync("mountain.jpg");
        using var first = await Client.GetAsync($"/api/photos/{id}/thumbnail?size=preview");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/photos/{id}/thumbnail?size=preview");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Thumbnail_UnknownSize_Returns400()
    {
        var id = await library.IdOfAsync("mountain.jpg");

        using var response = await Client.GetAsync($"/api/photos/{id}/thumbnail?size=../../catalog.db");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Original_Range_ReturnsPartialContentOfTheFile()
    {
        var id = await library.IdOfAsync("cat-meme.png");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/photos/{id}/original");
        request.Headers.Range = new RangeHeaderValue(0, 7);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllBytes(library.Temp["photos/cat-meme.png"])[..8], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/photos/..%2F..%2F..%2Fetc%2Fpasswd/original")]
    [InlineData("/api/photos/%2Fetc%2Fpasswd/original")]
    [InlineData("/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/../../../../etc/passwd")]
    [InlineData("/api/photos/1/original/..%2F..%2Fcatalog.db")]
    public async Task Files_PathInUrl_NeverServesThatFile(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("root:", body);
        Assert.DoesNotContain("SQLite format", body);
    }

    [Fact]
    public async Task Status_Library_ReportsPhotosModelAndIndexing()
    {
        var status = await library.GetJsonAsync("/api/status");

        Assert.Equal(ServedLibrary.Names.Length, status.GetProperty("photos").GetInt32());
        Assert.Equal(0, status.GetProperty("pending").GetInt32());
        Assert.True(status.GetProperty("canSearchByImage").GetBoolean());
        Assert.Equal("off", status.GetProperty("indexing").GetProperty("state").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheEndpoints()
    {
        var document = await library.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/search", "/api/search/image", "/api/random", "/api/photos/{id}", "/api/photos/{id}/thumbnail", "/api/photos/{id}/original", "/api/status" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.False(string.IsNullOrEmpty(item.EnumerateObject().First().Value.GetProperty("summary").GetString()), path);
        }
    }

    [Fact]
    public async Task OpenApi_AddTag_DescribesItsJsonBody()
    {
        var document = await library.GetJsonAsync("/openapi/v1.json");

        var body = document.GetProperty("paths").GetProperty("/api/photos/{id}/tags").GetProperty("post").GetProperty("requestBody");
        Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task Api_UnknownEndpoint_Returns404Json()
    {
        using var response = await Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=cat")]
    [InlineData("/photo/1")]
    public async Task Ui_AnyPage_ServesTheApp(string url)
    {
        using var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/js/main.js\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Manifest_Served_NamesTheIcons()
    {
        using var response = await Client.GetAsync("/manifest.webmanifest");
        var manifest = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(manifest.GetProperty("icons").EnumerateArray(), i => i.GetProperty("sizes").GetString() == "512x512");
        using var icon = await Client.GetAsync("/icons/icon-512.png");
        Assert.Equal("image/png", icon.Content.Headers.ContentType?.MediaType);
    }
}

[Tier(Tier.EndToEnd)]
public sealed class ApiTests(ServedLibrary library) : ApiContract(library), IClassFixture<ServedLibrary>;

/// <summary>`shoebox serve --catalog postgres://...`: the same API over a PostgreSQL catalog, thumbnails still in the library folder.</summary>
[Tier(Tier.Database)]
public sealed class PostgresApiTests(PostgresServedLibrary library) : ApiContract(library), IClassFixture<PostgresServedLibrary>;
