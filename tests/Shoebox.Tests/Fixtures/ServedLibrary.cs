using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Tests.Catalog;
using Shoebox.Web;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A real library (a few generated photos, indexed with the generated tiny model) served by a real server on a
/// free loopback port; shared by a test class. <see cref="StartAsync"/> starts more servers with other options.
/// The catalog is catalog.db in the library folder, or a PostgreSQL database (<see cref="PostgresServedLibrary"/>).
/// </summary>
public class ServedLibrary : IAsyncLifetime, IDisposable
{
    private readonly TinyModelFolder _model = new();
    private readonly PostgresEngine? _database;
    private readonly Action<TempFolder> _writePhotos;
    private readonly bool _withModel;
    private readonly List<WebServer> _servers = [];
    private SearchSession? _session;

    public ServedLibrary()
        : this(null, WriteNames)
    {
    }

    protected ServedLibrary(PostgresEngine? database)
        : this(database, WriteNames)
    {
    }

    /// <param name="writePhotos">Writes the library's photos under the folder's photos/.</param>
    /// <param name="withModel">False: indexed and served as on a first run where the library's model could not be had.</param>
    internal ServedLibrary(Action<TempFolder> writePhotos, bool withModel = true)
        : this(null, writePhotos, withModel)
    {
    }

    private ServedLibrary(PostgresEngine? database, Action<TempFolder> writePhotos, bool withModel = true)
    {
        _database = database;
        _writePhotos = writePhotos;
        _withModel = withModel;
    }

    public TempFolder Temp { get; } = new();

    /// <summary>The PostgreSQL catalog's URL; null when the catalog is catalog.db in the library folder.</summary>
    public string? Catalog => _database?.Url;

    public string Root => Temp["photos"];

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    internal SearchSession Session => _session!;

    public string ModelPath => _model.Path;

    /// <summary>Another model (the tiny one with other weights) the library holds no vectors of.</summary>
    public string OtherModelPath => _model.OtherSeed;

    public static readonly string[] Names = ["red-car.jpg", "sunset-beach.jpg", "cat-meme.png", "birthday-cake.jpg", "mountain.jpg", "receipt.png"];

    private static void WriteNames(TempFolder temp)
    {
        foreach (var name in Names)
        {
            if (name.EndsWith(".png", StringComparison.Ordinal))
            {
                TestImages.Png(temp[$"photos/{name}"], 80, 60);
            }
            else
            {
                TestImages.Jpeg(temp[$"photos/{name}"], 96, 64);
            }
        }
    }

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        _session = await SearchSession.OpenAsync(
                new CliConsole(TextWriter.Null, TextWriter.Null, false), new Library(Temp.Library, Catalog), _withModel ? _model.Path : null, offline: true, CancellationToken.None)
            ?? throw new InvalidOperationException("the search session did not open");
        var server = await StartAsync(MainServer);
        BaseUrl = server.BrowserUrl;
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>Makes the library before it is served: writes its photos under photos/ and indexes them.</summary>
    protected virtual async Task PrepareAsync()
    {
        Temp.Folder("photos");
        _writePhotos(Temp);
        string[] catalog = Catalog is null ? [] : ["--catalog", Catalog];
        string[] model = _withModel ? ["--model", _model.Path] : [];
        var index = await Cli.RunAsync(["index", Root, "--library", Temp.Library, .. catalog, .. model, "--offline", "--no-ocr", "--no-faces"]);
        Assert.True(index.ExitCode == 0, index.Error);
    }

    /// <summary>The options of the server the class's tests reach through <see cref="Client"/>.</summary>
    protected virtual WebServerOptions MainServer(WebServerOptions options) => options;

    /// <summary>Another server on the same library and engine, on a free loopback port unless the options say otherwise.</summary>
    public async Task<WebServer> StartAsync(Func<WebServerOptions, WebServerOptions> configure, ILoggerProvider? log = null)
    {
        var server = WebServer.Create(configure(new WebServerOptions { Urls = "http://127.0.0.1:0" }), Session.Engine, log);
        await server.StartAsync();
        _servers.Add(server);
        return server;
    }

    public async Task<JsonElement> GetJsonAsync(string url) => await Client.GetFromJsonAsync<JsonElement>(url);

    public async Task<long> IdOfAsync(string name)
    {
        var page = await GetJsonAsync($"/api/search?q={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(name))}");
        return page.GetProperty("results").EnumerateArray()
            .First(r => r.GetProperty("path").GetString()!.EndsWith(name, StringComparison.Ordinal)).GetProperty("id").GetInt64();
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
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _model.Dispose();
            Temp.Dispose();
            _database?.Dispose();
        }
    }
}

/// <summary>The same served library with its catalog in a PostgreSQL database of its own: `serve --catalog postgres://...`.</summary>
public sealed class PostgresServedLibrary() : ServedLibrary(new PostgresEngine());
