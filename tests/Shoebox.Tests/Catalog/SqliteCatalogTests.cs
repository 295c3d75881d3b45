using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Catalog;

public class SqliteCatalogTests
{
    private static ContentHash Hash(int n) => ContentHash.Of(BitConverter.GetBytes(n));

    private static object? Query(string catalogPath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={catalogPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void Open_NewFolder_CreatesWalCatalogAtCurrentSchema()
    {
        using var temp = new TempFolder();
        using (var catalog = PhotoCatalog.Open(temp.Library))
        {
            Assert.Equal("ok", catalog.CheckIntegrity());
        }
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);

        Assert.Equal("wal", Query(path, "PRAGMA journal_mode"));
        Assert.Equal((long)PhotoCatalog.SchemaVersion, Query(path, "PRAGMA user_version"));
    }

    [Fact]
    public void Open_Twice_KeepsDataAndDoesNotMigrateAgain()
    {
        using var temp = new TempFolder();
        using (var catalog = PhotoCatalog.Open(temp.Library))
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }

        using var reopened = PhotoCatalog.Open(temp.Library);

        Assert.Equal(1, reopened.GetStatus().Photos);
    }

    [Fact]
    public void Open_CatalogFromNewerVersion_IsRefusedWithClearMessage()
    {
        using var temp = new TempFolder();
        PhotoCatalog.Open(temp.Library).Dispose();
        Query(Path.Combine(temp.Library, PhotoCatalog.FileName), $"PRAGMA user_version = {PhotoCatalog.SchemaVersion + 5}");

        var error = Assert.Throws<LibraryUnavailableException>(() => PhotoCatalog.Open(temp.Library));

        Assert.Contains("newer Shoebox", error.Message);
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_IsRefusedAndLeftAlone()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Library);
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        File.WriteAllText(path, "these are someone's notes, not a catalog. ".PadRight(4096, 'x'));

        var error = Assert.Throws<LibraryUnavailableException>(() => PhotoCatalog.Open(temp.Library));

        Assert.Contains("not a Shoebox catalog", error.Message);
        Assert.StartsWith("these are someone's notes", File.ReadAllText(path));
    }

    [Fact]
    public void LinkFile_SameContentAtTwoPaths_IsOnePhotoWithTwoLocations()
    {
        using var temp = new TempFolder();
        using var catalog = PhotoCatalog.Open(temp.Library);
        LinkResult first, second;
        using (var batch = catalog.BeginBatch())
        {
            first = batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(7), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            second = batch.LinkFile("/p/copy of a.jpg", "/p", 10, 1, Hash(7), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }

        var status = catalog.GetStatus();

        Assert.True(first.PhotoIsNew);
        Assert.False(second.PhotoIsNew);
        Assert.Equal(first.PhotoId, second.PhotoId);
        Assert.Equal((1, 2), (status.Photos, status.Locations));
        Assert.Equal(new StageCounts(1, 0, 0), status.Stages[Stages.Thumbnails]);
    }

    [Fact]
    public void Batch_NotCommitted_LeavesNothingBehind()
    {
        using var temp = new TempFolder();
        using var catalog = PhotoCatalog.Open(temp.Library);
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        }

        Assert.Equal(0, catalog.GetStatus().Photos);
        Assert.Empty(catalog.LoadLocations());
    }

    [Fact]
    public void RecordVanished_UnlistedFolderAndOtherRoots_KeepTheirLocations()
    {
        using var temp = new TempFolder();
        using var catalog = PhotoCatalog.Open(temp.Library);
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-5);
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/gone.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, earlier);
            batch.LinkFile("/p/locked/kept.jpg", "/p", 10, 1, Hash(2), ImageFormat.Jpeg, earlier);
            batch.LinkFile("/pictures/elsewhere.jpg", "/pictures", 10, 1, Hash(3), ImageFormat.Jpeg, earlier);
            batch.Commit();
        }

        var vanished = catalog.RecordVanished(["/p"], DateTimeOffset.UtcNow, ["/p/locked"], DateTimeOffset.UtcNow);

        Assert.Equal(1, vanished.Missing);
        Assert.Equal(LocationStatus.Missing, catalog.LoadLocations()["/p/gone.jpg"].Status);
        Assert.Equal(LocationStatus.Ok, catalog.LoadLocations()["/p/locked/kept.jpg"].Status);
        Assert.Equal(LocationStatus.Ok, catalog.LoadLocations()["/pictures/elsewhere.jpg"].Status);
    }

    [Fact]
    public void Texts_AreFoundThroughFullTextSearch()
    {
        using var temp = new TempFolder();
        using (var catalog = PhotoCatalog.Open(temp.Library))
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }
        var path = Path.Combine(temp.Library, PhotoCatalog.FileName);
        Query(path, "INSERT INTO texts (photo_id, kind, source, content) VALUES (1, 'ocr', 'test', 'One does not simply walk into Mordor')");

        Assert.Equal(1L, Query(path, "SELECT count(*) FROM texts_fts WHERE texts_fts MATCH 'mordor'"));
        Assert.Equal(0L, Query(path, "SELECT count(*) FROM texts_fts WHERE texts_fts MATCH 'gondor'"));
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
