using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Catalog;

/// <summary>What only the embedded catalog has: its file (journal mode, a file that is not a database) and the library lock file.</summary>
[Tier(Tier.Unit)]
public class SqliteCatalogFileTests
{
    [Fact]
    public async Task Open_NewFolder_CreatesWalCatalogAtCurrentSchema()
    {
        using var engine = new SqliteEngine();
        await using (var catalog = await engine.OpenAsync())
        {
            Assert.Equal("ok", await catalog.CheckIntegrityAsync());
        }

        Assert.Equal("wal", engine.Query("PRAGMA journal_mode"));
        Assert.Equal((long)PhotoCatalog.SchemaVersion, engine.Query("PRAGMA user_version"));
    }

    [Fact]
    public async Task Open_NewFolder_ListsAModelsPhotosFromAnIndexWithoutReadingTheVectors()
    {
        using var engine = new SqliteEngine();
        await using (await engine.OpenAsync())
        {
        }

        // The first search lists a model's photos; read from the table, that meant every vector's page from disk.
        var indexesLedByModel = engine.Query(
            "SELECT count(*) FROM pragma_index_list('embeddings') list JOIN pragma_index_info(list.name) info WHERE info.seqno = 0 AND info.name = 'model_id'");
        Assert.Equal(1L, indexesLedByModel);
    }

    [Fact]
    public async Task Open_FileThatIsNotADatabase_IsRefusedAndLeftAlone()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Library);
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        File.WriteAllText(path, "these are someone's notes, not a catalog. ".PadRight(4096, 'x'));

        var error = await Assert.ThrowsAsync<LibraryDamagedException>(() => new Library(temp.Library).OpenAsync());

        Assert.Contains("not a Shoebox catalog", error.Message);
        Assert.StartsWith("these are someone's notes", File.ReadAllText(path));
    }

    [Fact]
    public async Task Open_NewFolder_LeavesNoDraftBehindAndTwoAtOnceShareOneCatalog()
    {
        using var temp = new TempFolder();

        var catalogs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Library(temp.Library).OpenAsync())));
        foreach (var catalog in catalogs)
        {
            await catalog.DisposeAsync();
        }

        Assert.Equal([PhotoCatalog.FileName], Directory.GetFiles(temp.Library).Select(Path.GetFileName).Where(n => !n!.StartsWith(PhotoCatalog.FileName + "-", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("emptied")]
    [InlineData("truncated")]
    [InlineData("foreign")]
    [InlineData("empty database")]
    public async Task Open_CatalogThatCannotBeWholeBesideLibraryContent_IsDamagedAndLeftAsItWas(string damage)
    {
        using var temp = new TempFolder();
        await FillAsync(temp.Library);
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        Directory.CreateDirectory(Path.Combine(temp.Library, "thumbnails", "grid"));
        switch (damage)
        {
            case "emptied":
                File.WriteAllBytes(path, []);
                break;
            case "truncated":
                using (var file = new FileStream(path, FileMode.Open))
                {
                    file.SetLength(file.Length / 2);
                }
                break;
            case "foreign":
            case "empty database":
                File.Delete(path);
                using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    other.Open();
                    using var command = other.CreateCommand();
                    command.CommandText = damage == "foreign" ? "CREATE TABLE recipes (name TEXT)" : "PRAGMA user_version = 0; VACUUM";
                    command.ExecuteNonQuery();
                }
                break;
        }
        var before = File.ReadAllBytes(path);

        var error = await Assert.ThrowsAsync<LibraryDamagedException>(() => new Library(temp.Library).OpenAsync());

        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.True(Directory.Exists(Path.Combine(temp.Library, "thumbnails", "grid")));
    }

    [Fact]
    public async Task Open_EmptyCatalogFileAloneInItsFolder_StartsANewLibrary()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Library);
        File.WriteAllBytes(Path.Combine(temp.Library, PhotoCatalog.FileName), []);

        await using var catalog = await new Library(temp.Library).OpenAsync();

        Assert.Equal(0, (await catalog.GetStatusAsync()).Photos);
    }

    [Fact]
    public async Task EnsureUndamaged_PageOverwritten_ThrowsDamaged()
    {
        using var temp = new TempFolder();
        await FillAsync(temp.Library);
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        long root;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'texts'";
            root = (long)command.ExecuteScalar()!;
        }
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.Position = (root - 1) * 4096 + 8;
            file.Write(Enumerable.Repeat((byte)0x5A, 2000).ToArray());
        }
        await using var catalog = await new Library(temp.Library).OpenAsync();

        var error = await Assert.ThrowsAsync<LibraryDamagedException>(catalog.EnsureUndamagedAsync);

        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_CatalogFromBeforeIdsWereKept_KeepsEveryIdAndWhatPointsAtIt()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Library);
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        var before = Migrations.All.Count - 1; // the step that made ids AUTOINCREMENT is the last so far
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = string.Join(";\n", Migrations.All.Take(before)) + $"""
                ;
                PRAGMA user_version = {before};
                INSERT INTO photos (id, hash, size, format, added_at) VALUES (5, x'{new string('5', 64)}', 1, 'jpeg', 0), (9, x'{new string('9', 64)}', 1, 'jpeg', 0);
                INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES ('/p/a.jpg', '/p', 9, 1, 0, 0, 0, 'ok');
                INSERT INTO texts (photo_id, kind, source, content) VALUES (9, 'caption', 'user', 'a lighthouse');
                INSERT INTO photo_stages (photo_id, stage, state, updated_at) VALUES (9, 'thumbnails', 'done', 0);
                """;
            command.ExecuteNonQuery();
        }

        await using (var catalog = await new Library(temp.Library).OpenAsync())
        {
            await catalog.EnsureUndamagedAsync();
            Assert.Equal("a lighthouse", Assert.Single(await catalog.Texts.OfPhotoAsync(9)).Content);
            Assert.Equal("/p/a.jpg", Assert.Single(await catalog.Locations.OfPhotoAsync(9)).Path);
            Assert.Equal(2, (await catalog.GetStatusAsync()).Photos);
            await catalog.Locations.RecordVanishedAsync(["/p"], DateTimeOffset.UtcNow.AddMinutes(1), []);
            await catalog.Photos.PruneAsync();
            var next = await catalog.Locations.LinkAsync("/p/b.jpg", "/p", 1, 0, ContentHash.Of([7]), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            Assert.Equal(10, next.PhotoId);
        }
        using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var keys = check.CreateCommand();
        keys.CommandText = "PRAGMA foreign_key_check";
        Assert.Null(keys.ExecuteScalar());
    }

    // A catalog with photos and texts, checkpointed so that all of it is in catalog.db.
    private static async Task FillAsync(string library)
    {
        await using (var catalog = await new Library(library).OpenAsync())
        await using (var batch = await catalog.BeginBatchAsync())
        {
            for (var i = 0; i < 200; i++)
            {
                var photo = await catalog.Locations.LinkAsync($"/p/{i}.jpg", "/p", 10, 1, ContentHash.Of([(byte)i, 1]), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
                await catalog.Texts.ReplaceAsync(photo.PhotoId, "caption", "test", $"a caption long enough to fill pages, number {i} ".PadRight(300, '.'));
            }
            await batch.CommitAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Texts_AreInTheFts5Index()
    {
        using var engine = new SqliteEngine();
        await using (var catalog = await engine.OpenAsync())
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, ContentHash.Of([1]), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            await batch.CommitAsync();
        }
        engine.Query("INSERT INTO texts (photo_id, kind, source, content) VALUES (1, 'ocr', 'test', 'One does not simply walk into Mordor')");

        Assert.Equal(1L, engine.Query("SELECT count(*) FROM texts_fts WHERE texts_fts MATCH 'mordor'"));
        Assert.Equal(0L, engine.Query("SELECT count(*) FROM texts_fts WHERE texts_fts MATCH 'gondor'"));
    }

    [Fact]
    public void LibraryLock_SecondHolder_IsRefusedWithClearMessage()
    {
        using var temp = new TempFolder();
        using var first = LibraryLock.Acquire(temp.Library);

        var error = Assert.Throws<LibraryUnavailableException>(() => LibraryLock.Acquire(temp.Library));

        Assert.Contains("already indexing", error.Message);
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
    }

    [Fact]
    public void LibraryLock_Released_CanBeTakenAgain()
    {
        using var temp = new TempFolder();
        LibraryLock.Acquire(temp.Library).Dispose();

        var error = Record.Exception(() => LibraryLock.Acquire(temp.Library).Dispose());

        Assert.Null(error);
    }
}
