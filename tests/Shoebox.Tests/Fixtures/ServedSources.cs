using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Indexing;
using Shoebox.Web;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A library with nothing in it yet, served by a real server with background indexing on (the generated tiny model,
/// no OCR), as a first run is: sources are added through the API or the page. Shared by a test class: each test uses
/// folders of its own.
/// </summary>
public sealed class ServedSources : IAsyncLifetime, IDisposable
{
    private readonly TinyModelFolder _model = new();
    private SearchSession? _session;
    private IndexingPipeline? _indexing;
    private readonly List<WebServer> _servers = [];

    public TempFolder Temp { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    internal SearchSession Session => _session!;

    public async Task InitializeAsync()
    {
        var library = new Library(Temp.Library);
        await (await library.OpenAsync()).DisposeAsync();
        _session = await SearchSession.OpenAsync(new CliConsole(TextWriter.Null, TextWriter.Null, false), library, _model.Path, offline: true, CancellationToken.None)
            ?? throw new InvalidOperationException("the search session did not open");
        _indexing = new IndexingPipeline(library, services: new IndexingServices { Model = _session.Engine.Model, Encoder = _session.Model?.Images });
        var server = await StartAsync(o => o with { Indexing = _indexing });
        BaseUrl = server.BrowserUrl;
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>Another server on the same library and engine (without background indexing unless the options say so).</summary>
    public async Task<WebServer> StartAsync(Func<WebServerOptions, WebServerOptions> configure)
    {
        // No periodic rescan during a test: only what a test asks for runs.
        var server = WebServer.Create(configure(new WebServerOptions { Urls = "http://127.0.0.1:0", FirstScanDelay = TimeSpan.FromHours(1) }), Session.Engine);
        await server.StartAsync();
        _servers.Add(server);
        return server;
    }

    /// <summary>A folder of <paramref name="count"/> generated photos (each of its own content) named NAME-i.jpg.</summary>
    public string PhotoFolder(string folder, string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            TestImages.Jpeg(Temp[$"{folder}/{name}-{i}.jpg"], 40 + i, 30 + folder.Length);
        }
        return Temp[folder];
    }

    /// <summary>The source as /api/sources lists it, once <paramref name="until"/> holds of it (within a minute); null when it is not listed.</summary>
    public async Task<JsonElement?> SourceAsync(long id, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var page = await Client.GetFromJsonAsync<JsonElement>("/api/sources");
            JsonElement? source = page.GetProperty("sources").EnumerateArray().Where(s => s.GetProperty("id").GetInt64() == id).Cast<JsonElement?>().FirstOrDefault();
            if (until is null || (source is { } found && until(found)) || DateTime.UtcNow > deadline)
            {
                return source;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the source has been scanned and its photos have what search needs.</summary>
    public Task<JsonElement?> WatchedAsync(long id) => SourceAsync(id, s => s.GetProperty("state").GetString() is "watching" or "failed" or "missing");

    /// <summary>The file names a search finds.</summary>
    public async Task<List<string>> FoundAsync(string query)
    {
        var page = await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&limit=200");
        return [.. page.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!))];
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
        Dispose();
    }

    public void Dispose()
    {
        _indexing?.Dispose();
        _model.Dispose();
        Temp.Dispose();
    }
}
