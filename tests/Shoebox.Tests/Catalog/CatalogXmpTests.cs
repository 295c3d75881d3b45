using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

public abstract class CatalogXmpTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    // Photos 1 and 2 at /p/a.jpg and /p/t.zip/b.jpg (made through the catalog, so ids and hashes are the engine's own).
    private async Task AddTwoPhotosAsync()
    {
        await using var catalog = await Engine.OpenAsync();
        await using var batch = await catalog.BeginBatchAsync();
        await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 1, 0, ContentHash.Of([1]), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        await catalog.Locations.LinkAsync("/p/t.zip/b.jpg", "/p", 1, 0, ContentHash.Of([2]), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        await batch.CommitAsync();
    }

    [Fact]
    public async Task ListSidecarTexts_LocationsWithContentElsewhere_AreLeftOut()
    {
        await AddTwoPhotosAsync();
        Engine.Query("""
            INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES
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
        await using var catalog = await Engine.OpenAsync();

        var texts = Assert.Single(await catalog.Texts.ListSidecarTextsAsync());

        Assert.Equal("/p/a.jpg", texts.Path);
        Assert.Equal(["cat"], texts.Keywords);
        Assert.Equal("Tom", texts.Caption);
    }

    [Fact]
    public async Task ListSidecarTexts_PersonNamedOnAFace_IsAKeywordAndALibrarysPersonIsNot()
    {
        await AddTwoPhotosAsync();
        await using var catalog = await Engine.OpenAsync();
        await catalog.Faces.SaveAsync(1, "m1", [CatalogPeopleTests.Face(0.1)]);
        var person = await catalog.People.CreateAsync(DateTimeOffset.UtcNow);
        await catalog.Faces.AssignAsync((await catalog.Faces.OfPhotoAsync(1))[0].Id, person);
        await catalog.People.NameAsync(person, "Ada");
        await catalog.Texts.ReplaceAsync(1, "person", "lightroom", "Bob");

        var texts = (await catalog.Texts.ListSidecarTextsAsync()).Single(t => t.Path == "/p/a.jpg");

        Assert.Equal(["Ada"], texts.Keywords);
    }

    [Fact]
    public async Task ListSidecarTexts_PhotoWithoutTexts_IsListedEmpty()
    {
        await AddTwoPhotosAsync();
        await using var catalog = await Engine.OpenAsync();

        var texts = (await catalog.Texts.ListSidecarTextsAsync())[0];

        Assert.Empty(texts.Keywords);
        Assert.Null(texts.Caption);
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogXmpTests() : CatalogXmpTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogXmpTests() : CatalogXmpTests(new PostgresEngine());
