using System.Net;
using System.Text.Json;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// Reviewing duplicates through the API: pages with totals, choosing the keeper, saying photos are not duplicates.
/// Each test has a served library of its own, since they change what the library remembers.
/// </summary>
[Tier(Tier.EndToEnd)]
public sealed class DuplicateReviewApiTests : IAsyncLifetime, IDisposable
{
    // Three pictures, each with a half-size copy; and a picture kept at two places.
    private readonly ServedLibrary _library = new(temp =>
    {
        foreach (var seed in new[] { 7, 9, 11 })
        {
            using var scene = Scenes.Draw(seed, words: seed);
            Scenes.Save(scene, temp[$"photos/{seed}.jpg"]);
            Scenes.Half(scene, temp[$"photos/copies/{seed}-small.jpg"]);
        }
        using var beach = Scenes.Draw(seed: 20);
        Scenes.Save(beach, temp["photos/beach.jpg"]);
        Scenes.Save(beach, temp["photos/backup/beach.jpg"]);
    });

    public Task InitializeAsync() => _library.InitializeAsync();

    public Task DisposeAsync() => _library.DisposeAsync();

    public void Dispose() => _library.Dispose();

    private Task<JsonElement> GetAsync(string path) => _library.GetJsonAsync(path);

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path)
    {
        using var response = await _library.Client.PostAsync(path, null);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<long> IdOfAsync(string file)
    {
        var all = await GetAsync("/api/duplicates?limit=200");
        return all.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("members").EnumerateArray())
            .First(m => m.GetProperty("paths")[0].GetString()!.EndsWith("/" + file, StringComparison.Ordinal)).GetProperty("id").GetInt64();
    }

    private static List<JsonElement> Near(JsonElement page) =>
        [.. page.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("kind").GetString() == "near")];

    [Fact]
    public async Task GetDuplicates_PageOfOne_SaysThereIsMoreAndGivesTotalsOverAll()
    {
        var first = await GetAsync("/api/duplicates?limit=1");
        var last = await GetAsync("/api/duplicates?offset=3&limit=1");

        Assert.Equal(1, first.GetProperty("groups").GetArrayLength());
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.False(last.GetProperty("hasMore").GetBoolean());
        var totals = first.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("groups").GetInt32());
        Assert.Equal(7, totals.GetProperty("photos").GetInt32());
        Assert.Equal(4, totals.GetProperty("filesToSetAside").GetInt32());
        Assert.True(totals.GetProperty("bytesToSetAside").GetInt64() > 0);
    }

    [Fact]
    public async Task GetDuplicates_Members_SayHowTheyDifferInWords()
    {
        var group = Near(await GetAsync("/api/duplicates")).First(g => g.ToString().Contains("/7.jpg", StringComparison.Ordinal));
        var copy = group.GetProperty("members")[1];

        Assert.Equal(["smaller"], copy.GetProperty("differences").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("smaller (300 × 200)", copy.GetProperty("reason").GetString());
        Assert.DoesNotContain("pHash", group.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostKeep_TheSmallerCopy_IsTheKeeperFromNowOn()
    {
        var small = await IdOfAsync("7-small.jpg");

        var (status, group) = await PostAsync($"/api/duplicates/{small}/keep");
        var listed = Near(await GetAsync("/api/duplicates")).Single(g => g.ToString().Contains("7-small.jpg", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(small, group.GetProperty("keeper").GetInt64());
        Assert.Equal(small, listed.GetProperty("keeper").GetInt64());
        Assert.True(listed.GetProperty("keeperChosen").GetBoolean());
    }

    [Fact]
    public async Task PostApart_OnePhoto_LeavesItsGroupForGood()
    {
        var small = await IdOfAsync("9-small.jpg");

        var (status, body) = await PostAsync($"/api/duplicates/{small}/apart");
        var listed = await GetAsync("/api/duplicates");
        var again = await PostAsync($"/api/duplicates/{small}/apart");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([small], body.GetProperty("apart").EnumerateArray().Select(a => a.GetInt64()));
        Assert.Equal(2, Near(listed).Count);
        Assert.DoesNotContain("9-small.jpg", listed.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, listed.GetProperty("totals").GetProperty("groups").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Contains("in no group", again.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostApartAll_TheGroupIsGoneAndTheOthersStay()
    {
        var keeper = await IdOfAsync("11.jpg");

        var (status, body) = await PostAsync($"/api/duplicates/{keeper}/apart-all");
        var listed = await GetAsync("/api/duplicates");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("apart").GetArrayLength());
        Assert.Equal(2, Near(listed).Count);
        Assert.DoesNotContain("/11.jpg", listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostKeep_FromAnotherSite_IsRefusedAndChangesNothing()
    {
        var small = await IdOfAsync("7-small.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/duplicates/{small}/keep");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await _library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Near(await GetAsync("/api/duplicates")), g => g.GetProperty("keeper").GetInt64() == small);
    }
}
