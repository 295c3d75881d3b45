using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>The embedded engine: one SQLite file in the library folder, full text in FTS5 tables, vectors as float16 blobs.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int NotADatabase = 26;

    public static async Task<PhotoCatalog> OpenAsync(string libraryFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(libraryFolder);
        var path = Path.Combine(libraryFolder, PhotoCatalog.FileName);
        try
        {
            Directory.CreateDirectory(libraryFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LibraryUnavailableException($"The library folder {libraryFolder} cannot be created: {e.Message}", e);
        }
        try
        {
            await SqliteCatalogFile.CreateIfMissingAsync(libraryFolder, path, draft =>
            {
                Prepare(draft);
                Migrate(draft, path);
            }, cancellationToken);
            SqliteCatalogFile.Inspect(libraryFolder, path);
        }
        catch (SqliteException e) when (!ReferenceEquals(Instance.Translate(e, path), e))
        {
            throw Instance.Translate(e, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LibraryUnavailableException($"The catalog at {path} cannot be made or read: {e.Message}", e);
        }
        // ReadWrite, not ReadWriteCreate: catalog.db exists now, and if it vanished meanwhile an empty one must not take its place.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                RefuseIfNotACatalog(connection, path, libraryFolder); // before anything is written to the file
                Prepare(connection);
                Migrate(connection, path);
            }
            catch (SqliteException e) when (!ReferenceEquals(Instance.Translate(e, path), e))
            {
                throw Instance.Translate(e, path);
            }
            return new PhotoCatalog(Instance, connection, path);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static void Prepare(SqliteConnection connection) =>
        connection.Execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");

    // Only a catalog made just now starts from nothing (SqliteCatalogFile makes it whole before it is catalog.db): an
    // existing one at version 0 is someone else's database, or was emptied, and a schema put into it would pass for
    // the library.
    private static void RefuseIfNotACatalog(SqliteConnection connection, string path, string libraryFolder)
    {
        connection.Execute("PRAGMA busy_timeout = 10000");
        if (Convert.ToInt32(connection.Scalar("PRAGMA user_version")) != 0)
        {
            return;
        }
        if (Convert.ToInt64(connection.Scalar("SELECT count(*) FROM sqlite_master")) > 0)
        {
            throw new LibraryDamagedException(path, "it is an SQLite database, but not a Shoebox catalog");
        }
        if (SqliteCatalogFile.Content(libraryFolder) is { Count: > 0 } content)
        {
            throw new LibraryDamagedException(path, $"it holds no catalog (an empty database) while the library folder holds {string.Join(", ", content)}");
        }
    }

    // One immediate (write-locked) transaction, with the version read inside it: two processes opening a new
    // catalog at the same moment cannot both apply the same step.
    private static void Migrate(SqliteConnection connection, string path)
    {
        if (Convert.ToInt32(connection.Scalar("PRAGMA user_version")) == Migrations.All.Count)
        {
            return;
        }
        // A step may rebuild a table, which SQLite's recipe does with foreign keys off (they cannot change inside a
        // transaction); with them on, dropping the old table would cascade to every row that points at it.
        connection.Execute("PRAGMA foreign_keys = OFF");
        try
        {
            MigrateSteps(connection, path);
        }
        finally
        {
            connection.Execute("PRAGMA foreign_keys = ON");
        }
    }

    private static void MigrateSteps(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(connection.Scalar("PRAGMA user_version", transaction));
        if (version > Migrations.All.Count)
        {
            throw new LibraryUnavailableException(
                $"{path} was written by a newer Shoebox (catalog schema {version}; this version knows up to {Migrations.All.Count}). Upgrade Shoebox.");
        }
        for (var next = version; next < Migrations.All.Count; next++)
        {
            connection.Execute(Migrations.All[next], transaction);
            connection.Execute($"PRAGMA user_version = {next + 1}", transaction);
        }
        transaction.Commit();
    }

    public override string Contains(string text, string part) => $"instr({text}, {part}) > 0";

    public override string CaselessLike => "LIKE";

    public override string JsonText(string json, string key) => $"json_extract({json}, '$.{key}')";

    public override string JsonNumber(string json, string key) => $"(CASE WHEN json_valid({json}) THEN json_extract({json}, '$.{key}') END)";

    public override string JsonIsTrue(string json, string key) =>
        $"(CASE WHEN json_valid({json}) THEN coalesce(json_extract({json}, '$.{key}'), 0) ELSE 0 END <> 0)";

    public override string InList(string expression, string parameter) => $"({expression} IN (SELECT value FROM json_each({parameter})))";

    public override object ListValue<T>(IReadOnlyCollection<T> values) => JsonSerializer.Serialize(values);

    public override string NowMilliseconds => "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    // A write transaction holds the whole file: claims are made one at a time anyway.
    public override string SkipLocked => "";

    public override string JoinedWithTabs(string expression) => $"group_concat({expression}, char(9))";

    public override string JsonArray(string column, string table, string where, string orderBy) =>
        $"coalesce((SELECT json_group_array({column}) FROM (SELECT {column} FROM {table} WHERE {where} ORDER BY {orderBy})), '[]')";

    // Each term quoted (so no input is taken for FTS5 syntax), bare words as prefixes.
    public override string? TextQuery(DbCommand command, IReadOnlyList<TextTerm> terms, bool any)
    {
        var parts = terms
            .Where(t => t.Text.Any(char.IsLetterOrDigit))
            .Select(t => "\"" + t.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (IsPrefix(t) ? "*" : ""))
            .ToList();
        if (parts.Count == 0)
        {
            return null;
        }
        command.Bind("@match", string.Join(any ? " OR " : " ", parts));
        return "@match";
    }

    public override string NameMatches(string query) => $"""
        SELECT l.photo_id, bm25(names_fts) AS rank FROM names_fts JOIN locations l ON l.id = names_fts.rowid
        WHERE names_fts MATCH {query} AND l.status = 'ok' AND l.photo_id IS NOT NULL
        """;

    public override string TextMatches(string query) => $"""
        SELECT t.photo_id, bm25(texts_fts) AS rank FROM texts_fts JOIN texts t ON t.id = texts_fts.rowid
        WHERE texts_fts MATCH {query}
        """;

    public override object VectorValue(ReadOnlySpan<float> vector) => VectorCodec.Encode(vector);

    public override float[] ReadVector(DbDataReader reader, int ordinal) => VectorCodec.Decode((byte[])reader[ordinal]);

    public override Task<string> CheckIntegrityAsync(DbConnection connection) => Task.FromResult(Convert.ToString(connection.Scalar("PRAGMA integrity_check")) ?? "");

    public override Task<string> QuickCheckAsync(DbConnection connection) => Task.FromResult(Convert.ToString(connection.Scalar("PRAGMA quick_check")) ?? "");

    // SQLite's error codes, as what the user can do about them.
    public override Exception Translate(DbException error, string address) => error is not SqliteException e ? error : e.SqliteErrorCode switch
    {
        Full => new LibraryUnavailableException(
            $"The disk holding the library is full ({address}). Work finished so far is saved; free some space and run the command again.", e),
        ReadOnly => new LibraryUnavailableException(
            $"The library cannot be written ({address} is read-only). Choose a writable folder with --library.", e),
        CantOpen => new LibraryUnavailableException(
            $"The catalog cannot be opened at {address} (missing permission or folder). Choose a writable folder with --library.", e),
        NotADatabase => new LibraryDamagedException(address, "it is not a Shoebox catalog (not an SQLite database)", e),
        Corrupt => new LibraryDamagedException(address, $"SQLite found damaged pages ({e.Message})", e),
        IoError => new LibraryUnavailableException($"The catalog at {address} could not be read or written: {e.Message}", e),
        _ => e,
    };
}
