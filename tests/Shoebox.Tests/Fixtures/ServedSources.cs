using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Catalog;
using Shoebox.Web;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A library with nothing in it yet, served with background indexing on (the generated tiny model, no OCR), as on a
/// first run: sources are added through the API or the page. Shared by a test class: each test uses folders of its own.
/// </summary>
public class ServedSources : ServedLibrary
{
    private IndexingPipeline? _indexing;

    private readonly bool _indexes = true;

    public ServedSources()
    {
    }

    /// <param name="indexes">False: served as `serve --no-watch` is, so that nothing can be added from the page.</param>
    internal ServedSources(bool indexes)
    {
        _indexes = indexes;
    }

    protected ServedSources(PostgresEngine database)
        : base(database)
    {
    }

    protected override async Task PrepareAsync() => await (await new Library(Temp.Library, Catalog).OpenAsync()).DisposeAsync();

    // No periodic rescan during a test: only what a test asks for runs.
    protected override WebServerOptions MainServer(WebServerOptions options)
    {
        if (!_indexes)
        {
            return options;
        }
        _indexing = new IndexingPipeline(Session.Engine.Library, services: new IndexingServices { Model = Session.Engine.Model, Encoder = ImageEncoder });
        return options with { Indexing = _indexing, FirstScanDelay = TimeSpan.FromHours(1) };
    }

    /// <summary>What the server's indexing embeds photos with: the generated tiny model's image tower.</summary>
    protected virtual IImageEncoder? ImageEncoder => Session.Model?.Images;

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _indexing?.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>The same empty library with its catalog in a PostgreSQL database of its own.</summary>
public sealed class PostgresServedSources() : ServedSources(new PostgresEngine());
