using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>GET and PUT /api/settings and model downloads, over real HTTP on a real library; the hub is a local fake, never the network.</summary>
[Tier(Tier.EndToEnd)]
public sealed class SettingsApiTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    private static readonly byte[] Vision = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 % 251)).ToArray();
    private static readonly byte[] Text = Enumerable.Range(0, 80_000).Select(i => (byte)(i * 17 % 253)).ToArray();

    // A model the fake hub serves: the default's shape under another id and repository.
    private static readonly ModelDescriptor Hosted = ModelRegistry.Find(ModelRegistry.DefaultId)! with
    {
        Id = "test-clip",
        Repository = "test/clip",
        Files = [new("onnx/vision_model.onnx", Size: Vision.Length), new("onnx/text_model.onnx", Size: Text.Length)],
    };

    private static ModelView? ModelOf(JsonElement settings, string id) =>
        settings.GetProperty("models").EnumerateArray().Where(m => m.GetProperty("id").GetString() == id)
            .Select(m => new ModelView(m)).FirstOrDefault();

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string json) =>
        client.PutAsync("/api/settings", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<LibrarySwitches> StoredSwitchesAsync()
    {
        await using var catalog = await new Library(library.Temp.Library).OpenAsync();
        return await LibrarySwitches.ReadAsync(catalog);
    }

    [Fact]
    public async Task GetSettings_ServedLibrary_ShowsTheModelInUseTheModelsToDownloadAndTheFacts()
    {
        var settings = await library.GetJsonAsync("/api/settings");

        Assert.True(ModelOf(settings, library.ModelPath)!.InUse);
        Assert.True(ModelOf(settings, library.ModelPath)!.Installed);
        var download = ModelOf(settings, ModelRegistry.DefaultId)!;
        Assert.False(download.InUse);
        Assert.False(download.Installed);
        // The registry pins the sizes of few files: a size is shown only when all of a model's are known.
        Assert.Equal(ModelRegistry.Find(ModelRegistry.DefaultId)!.DownloadSize, download.DownloadSize);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("switching").ValueKind);
        Assert.True(settings.GetProperty("faces").GetBoolean());
        Assert.True(settings.GetProperty("facesAvailable").GetBoolean());
        var facts = settings.GetProperty("library");
        Assert.Equal(library.Temp.Library, facts.GetProperty("folder").GetString());
        Assert.Equal("sqlite", facts.GetProperty("catalog").GetString());
        Assert.Equal(Path.Combine(library.Temp.Library, PhotoCatalog.FileName), facts.GetProperty("catalogAddress").GetString());
        Assert.False(facts.GetProperty("remoteAccess").GetBoolean());
        Assert.False(facts.GetProperty("tokenRequired").GetBoolean());
    }

    [Fact]
    public async Task PutSettings_ReadTextOff_IsKeptInTheLibraryAndShownAgain()
    {
        try
        {
            using var put = await PutAsync(library.Client, "{\"readText\": false}");

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.False((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readText").GetBoolean());
            var again = await library.GetJsonAsync("/api/settings");
            Assert.False(again.GetProperty("readText").GetBoolean());
            Assert.True(again.GetProperty("tag").GetBoolean());
            Assert.Equal(new LibrarySwitches(ReadText: false, Tag: true), await StoredSwitchesAsync());
        }
        finally
        {
            (await PutAsync(library.Client, "{\"readText\": true}")).Dispose();
        }
    }

    [Fact]
    public async Task PutSettings_FromAnotherSite_IsRefusedAndChangesNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/settings") { Content = new StringContent("{\"tag\": false}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await StoredSwitchesAsync()).Tag);
    }

    [Theory]
    [InlineData("text/plain", "{\"tag\": false}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{\"tag\": ", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"model\": \"no-such-model\"}", HttpStatusCode.BadRequest)]
    public async Task PutSettings_BadBody_AnswersWhyAndChangesNothing(string type, string body, HttpStatusCode expected)
    {
        using var response = await library.Client.PutAsync("/api/settings", new StringContent(body, Encoding.UTF8, type));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!);
        Assert.True((await StoredSwitchesAsync()).Tag);
    }

    [Fact]
    public async Task PutSettings_ModelNotDownloaded_AnswersConflictAndKeepsTheModel()
    {
        using var response = await PutAsync(library.Client, $"{{\"model\": \"{ModelRegistry.DefaultId}\"}}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("download it first", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(ModelOf(await library.GetJsonAsync("/api/settings"), library.ModelPath)!.InUse);
    }

    [Fact]
    public async Task DownloadModel_DownloadsOff_AnswersTheFilesToFetchByHand()
    {
        using var response = await library.Client.PostAsync($"/api/models/{ModelRegistry.DefaultId}/download", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains("downloads are turned off", error, StringComparison.Ordinal);
        Assert.Contains("To install it by hand, download these files and put them here:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadModel_UnknownId_AnswersNotFound()
    {
        using var response = await library.Client.PostAsync("/api/models/no-such-model/download", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DownloadModel_FromTheHub_ShowsItsBytesAndEndsInstalled()
    {
        using var temp = new TempFolder();
        using var hub = new FakeHub();
        hub.Add("test/clip/onnx/vision_model.onnx", Vision);
        hub.Add("test/clip/onnx/text_model.onnx", Text);
        using var client = await ClientAsync(new StoreOptions { Folder = temp["models"], Endpoint = hub.Endpoint, Offline = false });

        var before = ModelOf(await client.GetFromJsonAsync<JsonElement>("/api/settings"), Hosted.Id)!;
        using var started = await client.PostAsync($"/api/models/{Hosted.Id}/download", null);
        var settled = await SettledAsync(client);

        Assert.Equal(Vision.Length + Text.Length, before.DownloadSize);
        Assert.False(before.Installed);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var model = ModelOf(settled, Hosted.Id)!;
        Assert.Equal("done", model.Download!.Value.GetProperty("state").GetString());
        Assert.Equal(Vision.Length + Text.Length, model.Download!.Value.GetProperty("done").GetInt64());
        Assert.Equal(Vision.Length + Text.Length, model.Download!.Value.GetProperty("total").GetInt64());
        Assert.True(model.Installed);
        Assert.NotNull(new ModelStore(new StoreOptions { Folder = temp["models"] }).Find(Hosted));
    }

    [Fact]
    public async Task DownloadModel_HubUnreachable_FailsWithTheFilesToFetchByHand()
    {
        using var temp = new TempFolder();
        using var client = await ClientAsync(new StoreOptions { Folder = temp["models"], Endpoint = new Uri("http://127.0.0.1:9/"), Offline = false });

        using var started = await client.PostAsync($"/api/models/{Hosted.Id}/download", null);
        var settled = await SettledAsync(client);

        var download = ModelOf(settled, Hosted.Id)!.Download!.Value;
        Assert.Equal("failed", download.GetProperty("state").GetString());
        Assert.Contains("cannot be reached", download.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/test/clip/resolve/main/onnx/vision_model.onnx", download.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(ModelOf(settled, Hosted.Id)!.Installed);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheSettingsEndpoints()
    {
        var paths = (await library.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/settings").GetProperty("get").GetProperty("summary").GetString()));
        Assert.True(paths.GetProperty("/api/settings").GetProperty("put").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/models/{id}/download").GetProperty("post").GetProperty("summary").GetString()));
    }

    private async Task<HttpClient> ClientAsync(StoreOptions store)
    {
        var server = await library.StartAsync(o => o with { ModelStore = store, Models = [Hosted] });
        return new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };
    }

    // The settings once the hosted model's download has ended, either way.
    private static Task<JsonElement> SettledAsync(HttpClient client) => SettingsPolling.UntilAsync(client, settings =>
        ModelOf(settings, Hosted.Id)?.Download is { } download && download.GetProperty("state").GetString() != "running");

    private sealed record ModelView(JsonElement Json)
    {
        public bool InUse => Json.GetProperty("inUse").GetBoolean();

        public bool Installed => Json.GetProperty("installed").GetBoolean();

        public long? DownloadSize => Json.GetProperty("downloadSize").ValueKind == JsonValueKind.Null ? null : Json.GetProperty("downloadSize").GetInt64();

        public JsonElement? Download => Json.GetProperty("download").ValueKind == JsonValueKind.Null ? null : Json.GetProperty("download");
    }
}
