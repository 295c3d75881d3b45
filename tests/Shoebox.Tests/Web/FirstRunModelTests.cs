using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Models.Synth;
using Shoebox.Search.Engine;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>
/// A first run whose model is not installed: the server answers at once without it, downloads it from a local hub
/// (held back until the test lets it go, so "before the model arrived" is a state the test controls), then searches
/// with it and gives vectors to the photos of a source added meanwhile. Offline, the page gets what to do instead.
/// </summary>
[Tier(Tier.EndToEnd)]
public sealed class FirstRunModelTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_ModelNotInstalled_AnswersAtOnceDownloadsItThenEmbedsASourceAddedMeanwhile()
    {
        using var hub = new FakeHub();
        var release = new TaskCompletionSource();
        hub.Gate = release.Task;
        var model = Hosted(hub);
        TestImages.Jpeg(_temp["photos/red-car.jpg"], 96, 64);
        TestImages.Png(_temp["photos/cat-meme.png"], 80, 60);
        var served = await ServeAsync(model, new StoreOptions { Folder = _temp["models"], Endpoint = hub.Endpoint, Offline = false });
        await using (served.Server)
        await using (served.Engine)
        using (served.Indexing)
        {
            using var client = new HttpClient { BaseAddress = new Uri(served.Server.BrowserUrl) };

            var before = await client.GetFromJsonAsync<JsonElement>("/api/status");
            var welcome = await client.GetFromJsonAsync<JsonElement>("/api/welcome");
            using var added = await client.PostAsJsonAsync("/api/sources", new { path = _temp["photos"] });
            var catalogued = await UntilAsync(client, s => s.GetProperty("photos").GetInt32() == 2);
            release.SetResult();
            var after = await UntilAsync(client, s => s.GetProperty("canSearchByText").GetBoolean() && s.GetProperty("vectorsPending").GetInt32() == 0);

            Assert.Equal("running", before.GetProperty("modelDownload").GetProperty("state").GetString());
            Assert.False(before.GetProperty("canSearchByText").GetBoolean());
            Assert.Equal("running", welcome.GetProperty("model").GetProperty("download").GetProperty("state").GetString());
            Assert.True(added.IsSuccessStatusCode);
            Assert.False(catalogued.GetProperty("canSearchByText").GetBoolean());
            Assert.Equal("done", after.GetProperty("modelDownload").GetProperty("state").GetString());
            Assert.Equal(model.Files.Sum(f => f.Size!.Value), after.GetProperty("modelDownload").GetProperty("done").GetInt64());
            var car = (await client.GetFromJsonAsync<JsonElement>("/api/search?q=red-car")).GetProperty("results")[0].GetProperty("id").GetInt64();
            var similar = await client.GetFromJsonAsync<JsonElement>($"/api/photos/{car}/similar");
            Assert.NotEqual(0, similar.GetProperty("results").GetArrayLength());
            await using var catalog = await new Library(_temp.Library).OpenAsync();
            Assert.Equal(2, (await catalog.Vectors.ListModelsAsync()).Max(m => m.Vectors));
        }
    }

    [Fact]
    public async Task Serve_ModelHubUnreachable_StatusSaysWhichFilesToFetchByHand()
    {
        var model = Hosted(null);
        var served = await ServeAsync(model, new StoreOptions { Folder = _temp["models"], Endpoint = new Uri("http://127.0.0.1:9/"), Offline = false });
        await using (served.Server)
        await using (served.Engine)
        using (served.Indexing)
        {
            using var client = new HttpClient { BaseAddress = new Uri(served.Server.BrowserUrl) };

            var failed = await UntilAsync(client, s => s.GetProperty("modelDownload").GetProperty("state").GetString() != "running");

            var download = failed.GetProperty("modelDownload");
            Assert.Equal("failed", download.GetProperty("state").GetString());
            Assert.Contains("cannot be reached", download.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains("http://127.0.0.1:9/test/tiny/resolve/main/onnx/vision_model.onnx", download.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(failed.GetProperty("canSearchByText").GetBoolean());
            Assert.Contains("could not be downloaded", failed.GetProperty("whyNoTextSearch").GetString(), StringComparison.Ordinal);
        }
    }

    // The generated tiny model as a hub serves it; once downloaded, its folder in the store is where a later run finds it.
    private ModelDescriptor Hosted(FakeHub? hub)
    {
        var source = _temp["tiny"];
        SyntheticModels.Write("tiny", source, seed: 1);
        var files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(source, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            hub?.Add($"test/tiny/{file}", File.ReadAllBytes(Path.Combine(source, file)));
        }
        return LocalModel.Open(source).Descriptor with
        {
            Id = "test-tiny",
            Repository = "test/tiny",
            Source = Path.Combine(_temp["models"], "test-tiny"),
            Files = [.. files.Select(f => new ModelFile(f, Size: new FileInfo(Path.Combine(source, f)).Length))],
        };
    }

    private async Task<Served> ServeAsync(ModelDescriptor model, StoreOptions store)
    {
        var library = new Library(_temp.Library);
        await using (await library.OpenAsync())
        {
            // An empty library, as `app` makes on a first run.
        }
        var identity = LibraryModel.IdentityOf(model);
        var engine = await SearchEngine.OpenAsync(new SearchEngineOptions { Library = library, Model = identity, WhyNoTexts = $"{identity.Id} is still downloading" });
        var indexing = await new IndexingFactory(store, new LoggedFeedback(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
            .CreateAsync(library, new IndexSettings(), model, null, null, CancellationToken.None);
        var server = WebServer.Create(new WebServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Indexing = indexing,
            ModelStore = store,
            ModelToFetch = model,
            QuietPeriod = TimeSpan.FromMilliseconds(300),
            FirstScanDelay = TimeSpan.FromHours(1),
        }, engine);
        await server.StartAsync();
        return new Served(server, engine, indexing);
    }

    private static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
            if (done(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(100);
        }
    }

    private sealed record Served(WebServer Server, SearchEngine Engine, IndexingPipeline Indexing);
}
