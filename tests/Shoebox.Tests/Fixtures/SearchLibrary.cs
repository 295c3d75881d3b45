using System.Data.Common;
using Microsoft.Data.Sqlite;
using NetVips;
using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Search.Engine;
using Shoebox.Tests.Catalog;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A small library indexed once with the generated tiny model, for tests that only read it. Folders and names
/// carry meaning (trips/beach, work/invoice_2019), one photo has a pixel-for-pixel copy in another format, and
/// dates, cameras and keywords are set as the catalog would hold them after reading EXIF or importing a library.
/// The catalog is catalog.db in the library folder, or a PostgreSQL database (<see cref="PostgresSearchLibrary"/>).
/// </summary>
public class SearchLibrary : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TinyModelFolder _model = new();
    private readonly PostgresEngine? _database;

    public SearchLibrary()
        : this(null)
    {
    }

    protected SearchLibrary(PostgresEngine? database)
    {
        _database = database;
        Root = _temp.Folder("photos");
        Beach = TestImages.Jpeg(_temp["photos/trips/beach.jpg"], 320, 240);
        using (var pixels = Image.NewFromFile(Beach))
        {
            BeachCopy = _temp["photos/backup/beach copy.png"];
            Directory.CreateDirectory(Path.GetDirectoryName(BeachCopy)!);
            pixels.Pngsave(BeachCopy);
        }
        BeachBackup = _temp["photos/backup/beach.jpg"];
        File.Copy(Beach, BeachBackup);
        Invoice = TestImages.Png(_temp["photos/work/invoice_2019.png"], 200, 280);
        Receipt = TestImages.Jpeg(_temp["photos/work/receipt.jpg"], 240, 320);
        Sunset = TestImages.Jpeg(_temp["photos/trips/sunset.jpg"], 300, 200);
        Cat = TestImages.Gif(_temp["photos/memes/cat.gif"]);
        Dog = TestImages.WebP(_temp["photos/memes/dog.webp"]);
        for (var i = 0; i < 5; i++)
        {
            TestImages.Jpeg(_temp[$"photos/misc/img_{i:000}.jpg"], 100 + (i * 20), 90);
        }

        using var images = new OnnxImageEncoder(_model.Open());
        new Indexer(new IndexingPipeline(new Library(_temp.Library, Catalog), services: new IndexingServices { Model = images.Model, Encoder = images }))
            .RunAsync(new IndexTargets([Root]), CancellationToken.None).GetAwaiter().GetResult();
        Describe();
    }

    public string Folder => _temp.Library;

    /// <summary>The PostgreSQL catalog's URL; null when the catalog is catalog.db in <see cref="Folder"/>.</summary>
    public string? Catalog => _database?.Url;

    public string Root { get; }

    public string Beach { get; }

    /// <summary>The beach's pixels saved again as PNG: another file, another photo, the same picture.</summary>
    public string BeachCopy { get; }

    /// <summary>The beach's very bytes in another folder: the same photo at a second location.</summary>
    public string BeachBackup { get; }

    public string Invoice { get; }

    public string Receipt { get; }

    public string Sunset { get; }

    public string Cat { get; }

    public string Dog { get; }

    public int PhotoCount => 12;

    /// <summary>A scratch folder for a test's own files.</summary>
    public string Scratch(string name) => _temp.Folder($"scratch/{name}");

    public Task<SearchEngine> EngineAsync(bool withModel = true)
    {
        var installed = _model.Open();
        var identity = new Shoebox.Core.ModelIdentity(installed.Descriptor.Id, installed.Descriptor.Version, installed.Descriptor.Dimensions);
        return SearchEngine.OpenAsync(new SearchEngineOptions
        {
            Library = new Library(Folder, Catalog),
            Model = identity,
            Texts = withModel ? () => new OnnxTextEncoder(installed) : null,
            Images = withModel ? () => new OnnxImageEncoder(installed) : null,
        });
    }

    public long IdOf(string path)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT photo_id FROM locations WHERE path = @path";
        Bind(command, "@path", path);
        return (long)command.ExecuteScalar()!;
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
            _temp.Dispose();
            _database?.Dispose();
        }
    }

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // What EXIF and importers would have filled in: dates, cameras, keywords, an album.
    private void Describe()
    {
        using var connection = Open();
        void Set(string path, string sql, params (string Name, object Value)[] values)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql.Replace("$photo", "(SELECT photo_id FROM locations WHERE path = @path)", StringComparison.Ordinal);
            Bind(command, "@path", path);
            foreach (var (name, value) in values)
            {
                Bind(command, name, value);
            }
            command.ExecuteNonQuery();
        }
        const string Dated = "UPDATE photos SET taken_at = @t, camera_make = @make, camera_model = @model WHERE id = $photo";
        Set(Beach, Dated, ("@t", "2019-07-14T10:00:00"), ("@make", "Apple"), ("@model", "iPhone 8"));
        Set(Sunset, Dated, ("@t", "2020-06-01T20:30:00"), ("@make", "Apple"), ("@model", "iPhone 11"));
        Set(Receipt, Dated, ("@t", "2020-05-31T23:59:59"), ("@make", "Canon"), ("@model", "EOS 80D"));
        Set(Invoice, Dated, ("@t", "2018-12-31T12:00:00"), ("@make", "Canon"), ("@model", "PowerShot"));
        const string Text = "INSERT INTO texts (photo_id, kind, source, content) VALUES ($photo, @kind, 'test', @content)";
        Set(Cat, Text, ("@kind", "keyword"), ("@content", "funny"));
        Set(Dog, Text, ("@kind", "keyword"), ("@content", "funny"));
        Set(Dog, Text, ("@kind", "keyword"), ("@content", "animals"));
        Set(Dog, Text, ("@kind", "caption"), ("@content", "a dog wearing sunglasses"));
        Set(Receipt, Text, ("@kind", "ocr"), ("@content", "TOTAL 12.50 EUR"));
        Set(Sunset, Text, ("@kind", "album"), ("@content", "Summer Holidays"));
        Set(Sunset, Text, ("@kind", "place"), ("@content", "Lisbon, Portugal"));
        Set(Beach, "UPDATE photos SET latitude = 38.69, longitude = -9.42 WHERE id = $photo");
    }

    private DbConnection Open()
    {
        if (_database is not null)
        {
            return _database.Connect();
        }
        var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        return connection;
    }
}

/// <summary>The same library with its catalog in a PostgreSQL database of its own (see <see cref="PostgresEngine"/>).</summary>
public sealed class PostgresSearchLibrary() : SearchLibrary(new PostgresEngine());
