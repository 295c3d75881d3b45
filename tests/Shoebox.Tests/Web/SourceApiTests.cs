using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>/api/sources over real HTTP, on a library that starts empty and is indexed by the server itself.</summary>
public abstract class SourceApiContract(ServedSources served)
{
    private Task<HttpResponseMessage> AddAsync(string path) => served.Client.PostAsJsonAsync("/api/sources", new { path });

    private async Task<long> AddedAsync(string path)
    {
        using var response = await AddAsync(path);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    [Fact]
    public async Task OpenApi_Sources_DescribesEachEndpointAndTheBodyOfAnAddition()
    {
        var paths = (await served.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/sources", "get"), ("/api/sources", "post"), ("/api/sources/{id}/scan", "post"), ("/api/sources/{id}/pause", "post"),
            ("/api/sources/{id}/resume", "post"), ("/api/sources/{id}", "delete") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path}");
        }
        var add = paths.GetProperty("/api/sources").GetProperty("post");
        Assert.True(add.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(add.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(add.GetProperty("responses").TryGetProperty("409", out _));
    }

    [Fact]
    public async Task Post_Folder_Answers202AndTheServerIndexesIt()
    {
        var folder = served.PhotoFolder("added", "harbour", 3);

        using var response = await AddAsync(folder + "/");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((folder, "folder"), (added.GetProperty("path").GetString(), added.GetProperty("kind").GetString()));
        Assert.Contains(added.GetProperty("state").GetString(), new[] { "pending", "scanning" });
        var watched = (await served.WatchedAsync(added.GetProperty("id").GetInt64()))!.Value;
        Assert.Equal(("watching", 3, 0), (watched.GetProperty("state").GetString(), watched.GetProperty("photos").GetInt32(), watched.GetProperty("pending").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, watched.GetProperty("lastScan").ValueKind);
        Assert.Contains("harbour-0.jpg", await served.FoundAsync("harbour"));
    }

    [Fact]
    public async Task Post_FolderWithABrokenFile_StatusGivesItsReason()
    {
        var folder = served.PhotoFolder("with-broken", "fine", 1);
        File.WriteAllText(Path.Combine(folder, "broken.jpg"), "not a photo");

        await served.WatchedAsync(await AddedAsync(folder));

        var status = await served.Client.GetFromJsonAsync<JsonElement>("/api/status");
        var error = status.GetProperty("indexing").GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("path").GetString() == Path.Combine(folder, "broken.jpg"));
        Assert.Contains("not an image", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FolderWithABrokenFileAgain_StatusListsItOnce()
    {
        var folder = served.PhotoFolder("broken-twice", "also-fine", 1);
        File.WriteAllText(Path.Combine(folder, "broken.jpg"), "not a photo");
        var id = await AddedAsync(folder);
        var first = (await served.WatchedAsync(id))!.Value.GetProperty("lastScan").GetDateTimeOffset();

        using var rescan = await served.Client.PostAsync($"/api/sources/{id}/scan", null);
        Assert.Equal(HttpStatusCode.Accepted, rescan.StatusCode);
        await served.SourceAsync(id, s => s.GetProperty("state").GetString() == "watching" && s.GetProperty("lastScan").GetDateTimeOffset() > first);

        var status = await served.Client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Single(status.GetProperty("indexing").GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == Path.Combine(folder, "broken.jpg"));
    }

    [Theory]
    [InlineData("nowhere", "does not exist.")]
    [InlineData("relative/path", "is not a full path")]
    [InlineData("notes.txt", "is a file, not a folder or a photo library Shoebox reads")]
    [InlineData("", "Send the path of a folder or a photo library")]
    public async Task Post_PathThatCannotBeASource_Answers400WithTheReason(string path, string reason)
    {
        File.WriteAllText(served.Temp["notes.txt"], "hello");
        var asked = path is "nowhere" or "notes.txt" ? served.Temp[path] : path;

        using var response = await AddAsync(asked);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CaptureOneCatalog_Answers202AndItsPhotosAreFoundByWhatItSays()
    {
        var bundle = served.Temp["Glaciers.cocatalog"];
        TestImages.Jpeg(Path.Combine(bundle, "Originals", "ice.jpg"), 52, 39);
        using (var c1 = new Shoebox.Tests.Sources.CaptureOne.CaptureOneCatalogFixture(Path.Combine(bundle, "Glaciers.cocatalogdb"), Shoebox.Tests.Sources.CaptureOne.CaptureOneCatalogFixture.Version16))
        {
            c1.Image("ice.jpg", c1.Location("Originals", relative: true), new(Rating: 3, Color: 6, Keywords: "glacier||0"), insideCatalog: true);
        }

        using var response = await AddAsync(bundle);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("capture-one", added.GetProperty("kind").GetString());
        var watched = (await served.WatchedAsync(added.GetProperty("id").GetInt64()))!.Value;
        Assert.Equal(("watching", 1), (watched.GetProperty("state").GetString(), watched.GetProperty("photos").GetInt32()));
        Assert.Equal(["ice.jpg"], await served.FoundAsync("tag:glacier label:pink rating:3"));
    }

    [Fact]
    public async Task Post_TheLibrarysOwnFolder_Answers400()
    {
        using var response = await AddAsync(served.Temp.Library);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Shoebox's own library folder", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NotJson_Answers415()
    {
        using var response = await served.Client.PostAsync("/api/sources", new StringContent("path=/tmp"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_SameFolderOrOneInsideIt_Answers409()
    {
        var folder = served.PhotoFolder("twice", "twice", 1);
        Directory.CreateDirectory(Path.Combine(folder, "inside"));
        await served.WatchedAsync(await AddedAsync(folder));

        using var again = await AddAsync(folder + "/inside/..");
        using var inside = await AddAsync(Path.Combine(folder, "inside"));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (again.StatusCode, inside.StatusCode));
        Assert.Contains("is a source of this library already", await ErrorOf(again), StringComparison.Ordinal);
        Assert.Contains($"is inside {folder}", await ErrorOf(inside), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseScanResume_Source_AnswerAsStated()
    {
        var id = await AddedAsync(served.PhotoFolder("paused", "paused", 1));
        await served.WatchedAsync(id);

        using var paused = await served.Client.PostAsync($"/api/sources/{id}/pause", null);
        using var scanPaused = await served.Client.PostAsync($"/api/sources/{id}/scan", null);
        var listed = (await served.SourceAsync(id))!.Value;
        using var resumed = await served.Client.PostAsync($"/api/sources/{id}/resume", null);
        using var scan = await served.Client.PostAsync($"/api/sources/{id}/scan", null);

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, scanPaused.StatusCode);
        Assert.Equal("paused", listed.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.False((await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        Assert.Equal("watching", (await served.WatchedAsync(id))!.Value.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("/api/sources/999999/scan", "POST")]
    [InlineData("/api/sources/999999/pause", "POST")]
    [InlineData("/api/sources/999999/resume", "POST")]
    [InlineData("/api/sources/999999?keep=true", "DELETE")]
    public async Task Request_UnknownSource_Answers404(string url, string method)
    {
        using var response = await served.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no source 999999", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_KeepNeitherTrueNorFalse_Answers400AndRemovesNothing()
    {
        var id = await AddedAsync(served.PhotoFolder("kept-anyway", "kept", 1));

        using var response = await served.Client.DeleteAsync($"/api/sources/{id}?keep=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await served.SourceAsync(id));
    }

    [Fact]
    public async Task Delete_ForgettingPhotos_TheyAreNoLongerFound()
    {
        var id = await AddedAsync(served.PhotoFolder("forgotten", "lighthouse", 2));
        await served.WatchedAsync(id);
        Assert.Contains("lighthouse-1.jpg", await served.FoundAsync("lighthouse"));

        using var response = await served.Client.DeleteAsync($"/api/sources/{id}?keep=false");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("forgotPhotos").GetInt32());
        Assert.Null(await served.SourceAsync(id));
        Assert.DoesNotContain(await served.FoundAsync("lighthouse"), name => name.StartsWith("lighthouse", StringComparison.Ordinal));
        Assert.True(File.Exists(served.Temp["forgotten/lighthouse-0.jpg"]));
    }

    [Fact]
    public async Task Delete_KeepingPhotos_TheyAreStillFound()
    {
        var id = await AddedAsync(served.PhotoFolder("kept", "windmill", 2));
        await served.WatchedAsync(id);

        using var response = await served.Client.DeleteAsync($"/api/sources/{id}?keep=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("forgotPhotos").GetInt32());
        Assert.Null(await served.SourceAsync(id));
        Assert.Contains("windmill-1.jpg", await served.FoundAsync("windmill"));
    }

    [Fact]
    public async Task Post_ServerStartedWithoutIndexing_Answers503WithWhatToDo()
    {
        var server = await served.StartAsync(o => o);
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };

        using var response = await client.PostAsJsonAsync("/api/sources", new { path = served.PhotoFolder("not-indexed", "x", 1) });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("--no-watch", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FromAnotherSite_Answers403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources") { Content = JsonContent.Create(new { path = served.PhotoFolder("elsewhere", "x", 1) }) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await served.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_RemoteServerWithoutTheToken_Answers401()
    {
        var server = await served.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = "a-long-enough-test-token-for-sources" });
        using var client = new HttpClient { BaseAddress = new Uri(server.Addresses[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) };

        using var response = await client.PostAsJsonAsync("/api/sources", new { path = served.Temp.Path });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Serve_FileDroppedIntoASourceAddedThroughTheApi_IsIndexed()
    {
        var id = await AddedAsync(served.PhotoFolder("watched", "watched", 1));
        await served.WatchedAsync(id);

        TestImages.Jpeg(served.Temp["watched/arrived-later.jpg"], 77, 55);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!(await served.FoundAsync("arrived")).Contains("arrived-later.jpg") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Contains("arrived-later.jpg", await served.FoundAsync("arrived"));
    }
}

[Tier(Tier.EndToEnd)]
public sealed class SourceApiTests(ServedSources served) : SourceApiContract(served), IClassFixture<ServedSources>;

/// <summary>The same over a PostgreSQL catalog (`serve --catalog postgres://...`).</summary>
[Tier(Tier.Database)]
public sealed class PostgresSourceApiTests(PostgresServedSources served) : SourceApiContract(served), IClassFixture<PostgresServedSources>;
