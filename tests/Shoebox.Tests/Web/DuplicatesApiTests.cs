using System.Net;
using System.Text.Json;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

[Tier(Tier.EndToEnd)]
public class DuplicatesApiTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    [Fact]
    public async Task GetDuplicates_LibraryOfDistinctPhotos_ListsNoGroups()
    {
        using var response = await library.Client.GetAsync("/api/duplicates");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.RootElement.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task PostMerge_PhotoThatLeadsNoGroup_IsNotFound()
    {
        using var response = await library.Client.PostAsync("/api/duplicates/1/merge", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not the keeper of a duplicate group", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMerge_FromAnotherSite_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/duplicates/1/merge");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetMerge_IsNotAWrite()
    {
        using var response = await library.Client.GetAsync("/api/duplicates/1/merge");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
