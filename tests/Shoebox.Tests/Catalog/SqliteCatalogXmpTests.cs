using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Catalog;

public class SqliteCatalogXmpTests
{
    private static void Execute(string library, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ListSidecarTexts_LocationsWithContentElsewhere_AreLeftOut()
    {
        using var temp = new TempFolder();
        PhotoCatalog.Open(temp.Library).Dispose();
        Execute(temp.Library, """
            INSERT INTO photos (id, hash, size, format, added_at) VALUES (1, x'01', 1, 'jpeg', 0), (2, x'02', 1, 'jpeg', 0);
            INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES
                ('/p/a.jpg', '/p', 1, 1, 0, 0, 0, 'ok'),
                ('/p/t.zip/b.jpg', '/p', 2, 1, 0, 0, 0, 'ok'),
                ('/p/gone.jpg', '/p', 1, 1, 0, 0, 0, 'missing');
            INSERT INTO texts (photo_id, kind, source, content, details) VALUES
                (1, 'tag', 'model', 'cat', NULL),
                (1, 'caption', 'model', 'A cat', NULL),
                (1, 'caption', 'user', 'Tom', NULL),
                (1, 'tag', 'user', 'dog', '{"removed":true}'),
                (1, 'keyword', 'xmp', 'sofa', NULL),
                (1, 'ocr', 'ocr', 'EXIT', '[1,2]'),
                (2, 'tag', 'model', 'bird', NULL);
            UPDATE locations SET content = '{"kind":"archive"}' WHERE path = '/p/t.zip/b.jpg';
            """);
        using var catalog = PhotoCatalog.Open(temp.Library);

        var texts = Assert.Single(catalog.ListSidecarTexts());

        Assert.Equal("/p/a.jpg", texts.Path);
        Assert.Equal(["cat"], texts.Keywords);
        Assert.Equal("Tom", texts.Caption);
    }

    [Fact]
    public void ListSidecarTexts_PhotoWithoutTexts_IsListedEmpty()
    {
        using var temp = new TempFolder();
        PhotoCatalog.Open(temp.Library).Dispose();
        Execute(temp.Library, """
            INSERT INTO photos (id, hash, size, format, added_at) VALUES (1, x'01', 1, 'jpeg', 0);
            INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES ('/p/a.jpg', '/p', 1, 1, 0, 0, 0, 'ok');
            """);
        using var catalog = PhotoCatalog.Open(temp.Library);

        var texts = Assert.Single(catalog.ListSidecarTexts());

        Assert.Empty(texts.Keywords);
        Assert.Null(texts.Caption);
    }
}
