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
    public async Task Open_FileThatIsNotADatabase_IsRefusedAndLeftAlone()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Library);
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        File.WriteAllText(path, "these are someone's notes, not a catalog. ".PadRight(4096, 'x'));

        var error = await Assert.ThrowsAsync<LibraryUnavailableException>(() => new Library(temp.Library).OpenAsync());

        Assert.Contains("not a Shoebox catalog", error.Message);
        Assert.StartsWith("these are someone's notes", File.ReadAllText(path));
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
