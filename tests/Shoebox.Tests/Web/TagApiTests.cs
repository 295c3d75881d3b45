using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

[Tier(Tier.EndToEnd)]
public class TagApiTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await library.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static List<string> Names(JsonElement body) =>
        [.. body.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

    [Fact]
    public async Task PostThenDelete_Tag_IsOnThenOffThePhotoAndItsSearch()
    {
        var id = await library.IdOfAsync("sunset-beach.jpg");

        var added = await SendAsync(HttpMethod.Post, $"/api/photos/{id}/tags", new { tag = "golden hour" });
        var found = await SendAsync(HttpMethod.Get, "/api/search?q=tag:%22golden%20hour%22");
        var removed = await SendAsync(HttpMethod.Delete, $"/api/photos/{id}/tags/Golden%20Hour");
        var after = await SendAsync(HttpMethod.Get, "/api/search?q=tag:%22golden%20hour%22");

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("golden hour", Names(added.Body));
        Assert.True(added.Body.GetProperty("tags")[0].GetProperty("byUser").GetBoolean());
        Assert.Equal(id, found.Body.GetProperty("results")[0].GetProperty("id").GetInt64());
        Assert.DoesNotContain("golden hour", Names(removed.Body));
        Assert.Equal(0, after.Body.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("Trips%2F2019")]
    [InlineData("Trips/2019")]
    [InlineData("trips%2f2019")]
    public async Task Delete_TagWithASlash_TakesItOff(string inPath)
    {
        var id = await library.IdOfAsync("birthday-cake.jpg");
        var added = await SendAsync(HttpMethod.Post, $"/api/photos/{id}/tags", new { tag = "Trips/2019" });

        var removed = await SendAsync(HttpMethod.Delete, $"/api/photos/{id}/tags/{inPath}");
        var after = await SendAsync(HttpMethod.Get, "/api/search?q=tag:%22trips/2019%22");

        Assert.Contains("Trips/2019", Names(added.Body));
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.DoesNotContain("Trips/2019", Names(removed.Body));
        Assert.Equal(0, after.Body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Delete_TagWithAPercentSign_TakesOffThatTagAndNoOther()
    {
        var id = await library.IdOfAsync("birthday-cake.jpg");
        await SendAsync(HttpMethod.Post, $"/api/photos/{id}/tags", new { tag = "100%2F" });
        await SendAsync(HttpMethod.Post, $"/api/photos/{id}/tags", new { tag = "100/" });

        var removed = await SendAsync(HttpMethod.Delete, $"/api/photos/{id}/tags/{Uri.EscapeDataString("100%2F")}");

        Assert.DoesNotContain("100%2F", Names(removed.Body));
        Assert.Contains("100/", Names(removed.Body));
    }

    [Fact]
    public async Task Post_EmptyTag_IsABadRequest()
    {
        var id = await library.IdOfAsync("sunset-beach.jpg");

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/photos/{id}/tags", new { tag = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at least one letter", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownPhoto_IsNotFound()
    {
        var (status, _) = await SendAsync(HttpMethod.Post, "/api/photos/987654/tags", new { tag = "beach" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Delete_FromAnotherSite_IsRefused()
    {
        var id = await library.IdOfAsync("sunset-beach.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/photos/{id}/tags/beach");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
