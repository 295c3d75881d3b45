using System.Data.Common;
using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// The catalog: the single source of truth and the checkpoint every run resumes from. One SQLite file in the library
/// folder by default, or a PostgreSQL database several machines share; the logic is the same, the engine's own SQL
/// comes from its <see cref="SqlDialect"/>. Use it from one thread at a time; open a second instance to read while
/// another writes.
/// </summary>
public sealed partial class PhotoCatalog : IDisposable
{
    public const string FileName = "catalog.db";

    private readonly SqlDialect _dialect;
    private readonly DbConnection _connection;

    internal PhotoCatalog(SqlDialect dialect, DbConnection connection, string address)
    {
        _dialect = dialect;
        _connection = connection;
        Address = address;
    }

    /// <summary>Where the catalog is, for messages: the SQLite file's path, or the PostgreSQL URL without its password.</summary>
    public string Address { get; }

    /// <summary>The SQLite catalog's schema version.</summary>
    public static int SchemaVersion => Migrations.All.Count;

    /// <summary>
    /// Opens (creating and upgrading when needed) the catalog of the library in <paramref name="libraryFolder"/>: the
    /// PostgreSQL database at <paramref name="catalog"/> when that is a postgres:// URL, else the SQLite file in the folder.
    /// </summary>
    public static PhotoCatalog Open(string libraryFolder, string? catalog = null) =>
        PostgresAddress.IsPostgres(catalog) ? PostgresDialect.Open(catalog!) : SqliteDialect.Open(libraryFolder);

    /// <summary>Whether <paramref name="catalog"/> names a PostgreSQL catalog (postgres:// or postgresql://).</summary>
    public static bool IsDatabaseUrl(string? catalog) => PostgresAddress.IsPostgres(catalog);

    /// <summary>Every location the catalog knows, by path: what a rerun compares the walk against.</summary>
    public Dictionary<string, KnownLocation> LoadLocations() => Guard(() =>
    {
        var known = new Dictionary<string, KnownLocation>(StringComparer.Ordinal);
        using var command = Command("SELECT path, id, size, mtime, status, photo_id, reason, content FROM locations");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            known[reader.GetString(0)] = new KnownLocation(
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                ParseStatus(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6))
            {
                Content = reader.IsDBNull(7) ? null : reader.GetString(7),
            };
        }
        return known;
    });

    public long BeginRun(IReadOnlyList<string> roots, DateTimeOffset now) => Guard(() =>
    {
        using var command = Command("INSERT INTO runs (started_at, roots) VALUES (@at, @roots) RETURNING id");
        command.Bind("@at", now.ToUnixTimeMilliseconds());
        command.Bind("@roots", JsonSerializer.Serialize(roots));
        return (long)command.ExecuteScalar()!;
    });

    public void FinishRun(long runId, string summaryJson, DateTimeOffset now) => Guard(() =>
    {
        using var command = Command("UPDATE runs SET finished_at = @at, summary = @summary WHERE id = @id");
        command.Bind("@at", now.ToUnixTimeMilliseconds());
        command.Bind("@summary", summaryJson);
        command.Bind("@id", runId);
        command.ExecuteNonQuery();
    });

    /// <summary>Starts a batch of writes that becomes visible, all of it or none, at <see cref="CatalogBatch.Commit"/>.</summary>
    public CatalogBatch BeginBatch() => Guard(() => new CatalogBatch(_dialect, _connection, Address));

    /// <summary>
    /// After a complete walk of <paramref name="roots"/>: locations under them not seen since <paramref name="walkStarted"/>
    /// are missing, unless their photo turned up at a new path in this run (a move: the old location is dropped).
    /// Folders that could not be listed keep their locations as they were.
    /// </summary>
    public VanishedLocations RecordVanished(
        IReadOnlyList<string> roots, DateTimeOffset walkStarted, IReadOnlyCollection<string> unlistedFolders, DateTimeOffset now) => Guard(() =>
    {
        var started = walkStarted.ToUnixTimeMilliseconds();
        var vanished = new List<(long Id, string Path, long? PhotoId, string Status)>();
        var seen = new HashSet<long>(); // roots may overlap (a folder and its sub-folder): each location once
        foreach (var root in roots)
        {
            // Locations an importer owns (an archive's entries, a catalog's originals) are its to judge, not the walk's.
            using var select = Command("""
                SELECT id, path, photo_id, status FROM locations
                WHERE last_seen < @started AND status <> 'missing' AND source IS NULL AND (path = @root OR (path >= @from AND path < @to))
                """);
            select.Bind("@started", started);
            AddPrefixRange(select, root);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var path = reader.GetString(1);
                if (!unlistedFolders.Any(folder => IsUnder(path, folder)) && seen.Add(reader.GetInt64(0)))
                {
                    vanished.Add((reader.GetInt64(0), path, reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3)));
                }
            }
        }
        return Forget(vanished, started);
    });

    /// <summary>
    /// After a complete listing of an importer's source: its locations not listed this time are gone from the
    /// library (removed from the catalog, the album, the export) and are handled as vanished files.
    /// </summary>
    public VanishedLocations RecordVanishedFromSource(string sourceId, DateTimeOffset listingStarted) => Guard(() =>
    {
        var started = listingStarted.ToUnixTimeMilliseconds();
        var vanished = new List<(long Id, string Path, long? PhotoId, string Status)>();
        using (var select = Command("SELECT id, path, photo_id, status FROM locations WHERE source = @source AND last_seen < @started AND status <> 'missing'"))
        {
            select.Bind("@source", sourceId);
            select.Bind("@started", started);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                vanished.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3)));
            }
        }
        return Forget(vanished, started);
    });

    private VanishedLocations Forget(List<(long Id, string Path, long? PhotoId, string Status)> vanished, long started)
    {
        using var transaction = _connection.BeginTransaction();
        using var movedTo = Command(
            "SELECT EXISTS (SELECT 1 FROM locations WHERE photo_id = @photo AND status = 'ok' AND first_seen >= @started)", transaction);
        movedTo.Bind("@photo", 0L);
        movedTo.Bind("@started", started);
        using var drop = Command("DELETE FROM locations WHERE id = @id", transaction);
        drop.Bind("@id", 0L);
        using var markMissing = Command("UPDATE locations SET status = 'missing', reason = 'file no longer found' WHERE id = @id", transaction);
        markMissing.Bind("@id", 0L);

        var missing = 0;
        var movedPhotos = new HashSet<long>();
        foreach (var (id, _, photoId, status) in vanished)
        {
            var wasMoved = false;
            if (photoId is { } photo)
            {
                movedTo.Parameters["@photo"].Value = photo;
                wasMoved = Convert.ToInt64(movedTo.ExecuteScalar()) == 1;
            }
            // Moved files, and files with nothing derived (not images, or failed) leave no trace; photos that vanished
            // stay until pruned.
            var forget = wasMoved || status is "ignored" or "failed";
            var command = forget ? drop : markMissing;
            command.Parameters["@id"].Value = id;
            command.ExecuteNonQuery();
            if (wasMoved)
            {
                movedPhotos.Add(photoId!.Value);
            }
            missing += forget ? 0 : 1;
        }
        transaction.Commit();
        return new VanishedLocations(missing, movedPhotos);
    }

    /// <summary>
    /// Photos whose processing failed, with the first reason: a rerun reports them again without retrying. Captions
    /// are left out: `shoebox caption` makes and reports them, not indexing.
    /// </summary>
    public Dictionary<long, string> LoadFailedPhotos() => Guard(() =>
    {
        var failed = new Dictionary<long, string>();
        using var command = Command("SELECT photo_id, reason FROM photo_stages WHERE state = 'failed' AND substr(stage, 1, @n) <> @caption ORDER BY stage");
        command.Bind("@n", Stages.CaptionPrefix.Length);
        command.Bind("@caption", Stages.CaptionPrefix);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            failed.TryAdd(reader.GetInt64(0), reader.IsDBNull(1) ? "unknown" : reader.GetString(1));
        }
        return failed;
    });

    /// <summary>The content hash of every photo whose <paramref name="stage"/> is done.</summary>
    public List<(long PhotoId, ContentHash Hash)> ListDone(string stage) => Guard(() =>
    {
        using var command = Command("SELECT p.id, p.hash FROM photo_stages s JOIN photos p ON p.id = s.photo_id WHERE s.stage = @stage AND s.state = 'done'");
        command.Bind("@stage", stage);
        using var reader = command.ExecuteReader();
        var done = new List<(long, ContentHash)>();
        while (reader.Read())
        {
            done.Add((reader.GetInt64(0), new ContentHash((byte[])reader[1])));
        }
        return done;
    });

    /// <summary>
    /// Photos with some of <paramref name="stages"/> still pending (only those stages are listed), each with one
    /// readable location to work from. Stages this run cannot do (another model's vectors) are left alone.
    /// </summary>
    public List<PendingPhoto> ListPending(IReadOnlyCollection<string> stages) => Guard(() => ListPending(stages, null));

    private List<PendingPhoto> ListPending(IReadOnlyCollection<string> stages, IReadOnlyCollection<long>? photoIds)
    {
        var only = photoIds is null ? "" : $"AND {_dialect.InList("p.id", "@ids")}";
        using var command = Command($"""
            SELECT p.id, p.hash, l.path, l.size, l.mtime, {_dialect.JoinedWithTabs("s.stage")}, l.content
            FROM photo_stages s
            JOIN photos p ON p.id = s.photo_id
            JOIN locations l ON l.id = (
                SELECT id FROM locations WHERE photo_id = p.id AND status = 'ok'
                ORDER BY content IS NOT NULL, last_seen DESC, id LIMIT 1)
            WHERE s.state = 'pending' AND {_dialect.InList("s.stage", "@stages")} {only}
            GROUP BY p.id, p.hash, l.id, l.path, l.size, l.mtime, l.content
            ORDER BY p.id
            """);
        command.Bind("@stages", _dialect.ListValue(stages));
        if (photoIds is not null)
        {
            command.Bind("@ids", _dialect.ListValue(photoIds));
        }
        using var reader = command.ExecuteReader();
        var pending = new List<PendingPhoto>();
        while (reader.Read())
        {
            pending.Add(new PendingPhoto(
                reader.GetInt64(0),
                new ContentHash((byte[])reader[1]),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetString(5).Split('\t'))
            {
                Content = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }
        return pending;
    }

    public CatalogStatus GetStatus(int failureLimit = 50) => Guard(() =>
    {
        var stages = new SortedDictionary<string, StageCounts>(StringComparer.Ordinal);
        using (var command = Command("""
            SELECT stage, count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed')
            FROM photo_stages GROUP BY stage
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stages[reader.GetString(0)] = new StageCounts(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            }
        }
        var failures = new List<CatalogFailure>();
        using (var command = Command("""
            SELECT path, reason, NULL FROM locations WHERE status = 'failed'
            UNION ALL
            SELECT (SELECT path FROM locations WHERE photo_id = s.photo_id ORDER BY status <> 'ok', id LIMIT 1), s.reason, s.stage
            FROM photo_stages s WHERE s.state = 'failed'
            LIMIT @limit
            """))
        {
            command.Bind("@limit", failureLimit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                failures.Add(new CatalogFailure(
                    reader.IsDBNull(0) ? "(no location)" : reader.GetString(0),
                    reader.IsDBNull(1) ? "unknown" : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }
        return new CatalogStatus(
            Photos: CountOf("SELECT count(*) FROM photos"),
            Locations: CountOf("SELECT count(*) FROM locations WHERE status IN ('ok', 'missing')"),
            Missing: CountOf("SELECT count(*) FROM locations WHERE status = 'missing'"),
            Failed: CountOf("SELECT count(*) FROM locations WHERE status = 'failed'")
                + CountOf("SELECT count(DISTINCT photo_id) FROM photo_stages WHERE state = 'failed'"),
            Stages: stages,
            Failures: failures,
            LastRunStarted: TimeOf("SELECT started_at FROM runs ORDER BY id DESC LIMIT 1"),
            LastRunFinished: TimeOf("SELECT finished_at FROM runs ORDER BY id DESC LIMIT 1"));
    });

    /// <summary>Runs the engine's own consistency check (SQLite's integrity_check); "ok" when the catalog is sound.</summary>
    public string CheckIntegrity() => Guard(() => _dialect.CheckIntegrity(_connection));

    public void Dispose() => _connection.Dispose();

    internal static LocationStatus ParseStatus(string status) => status switch
    {
        "ok" => LocationStatus.Ok,
        "missing" => LocationStatus.Missing,
        "failed" => LocationStatus.Failed,
        _ => LocationStatus.Ignored,
    };

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder, StringComparison.Ordinal) && path.Length > folder.Length && path[folder.Length] == Path.DirectorySeparatorChar;

    // Paths under a folder sort between "folder/" and "folder0" (the character after the separator: '0' after '/',
    // ']' after '\'), so the path index answers.
    private static void AddPrefixRange(DbCommand command, string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        command.Bind("@root", trimmed);
        command.Bind("@from", trimmed + Path.DirectorySeparatorChar);
        command.Bind("@to", trimmed + (char)(Path.DirectorySeparatorChar + 1));
    }

    /// <summary>Makes every failure retryable: failed stages become pending, failed files are read again.</summary>
    public void RetryFailed() => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction();
        using var stages = Command("UPDATE photo_stages SET state = 'pending', reason = NULL WHERE state = 'failed'", transaction);
        stages.ExecuteNonQuery();
        using var locations = Command("DELETE FROM locations WHERE status = 'failed'", transaction);
        locations.ExecuteNonQuery();
        using var claims = Command("UPDATE photos SET claims = 0 WHERE claims >= @max", transaction); // photos workers gave up on
        claims.Bind("@max", MaxClaims);
        claims.ExecuteNonQuery();
        transaction.Commit();
    });

    private int CountOf(string sql) => Convert.ToInt32(_connection.Scalar(sql));

    private DateTimeOffset? TimeOf(string sql) =>
        _connection.Scalar(sql) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private DbCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private T Guard<T>(Func<T> action) => _dialect.Guard(Address, action);

    private void Guard(Action action) => _dialect.Guard(Address, action);
}
