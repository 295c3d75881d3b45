using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// The catalog: one SQLite file in the library folder, the single source of truth and the checkpoint every run
/// resumes from. Use it from one thread at a time; open a second instance to read while another writes.
/// </summary>
public sealed partial class SqliteCatalog : IDisposable
{
    public const string FileName = "catalog.db";

    private readonly SqliteConnection _connection;

    private SqliteCatalog(SqliteConnection connection, string path)
    {
        _connection = connection;
        FilePath = path;
    }

    public string FilePath { get; }

    public static int SchemaVersion => Migrations.All.Count;

    /// <summary>Opens (creating and upgrading when needed) the catalog in <paramref name="libraryFolder"/>.</summary>
    public static SqliteCatalog Open(string libraryFolder)
    {
        ArgumentNullException.ThrowIfNull(libraryFolder);
        var path = Path.Combine(libraryFolder, FileName);
        try
        {
            Directory.CreateDirectory(libraryFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LibraryUnavailableException($"The library folder {libraryFolder} cannot be created: {e.Message}", e);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            CatalogErrors.Guard(path, () =>
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
                Migrate(connection, path);
            });
            return new SqliteCatalog(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // One immediate (write-locked) transaction, with the version read inside it: two processes opening a new
    // catalog at the same moment cannot both apply the same step.
    private static void Migrate(SqliteConnection connection, string path)
    {
        if (Convert.ToInt32(Scalar(connection, "PRAGMA user_version")) == Migrations.All.Count)
        {
            return;
        }
        using var transaction = connection.BeginTransaction(deferred: false);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(read.ExecuteScalar());
        if (version > Migrations.All.Count)
        {
            throw new LibraryUnavailableException(
                $"{path} was written by a newer Shoebox (catalog schema {version}; this version knows up to {Migrations.All.Count}). Upgrade Shoebox.");
        }
        for (var next = version; next < Migrations.All.Count; next++)
        {
            Execute(connection, Migrations.All[next], transaction);
            Execute(connection, $"PRAGMA user_version = {next + 1}", transaction);
        }
        transaction.Commit();
    }

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
        using var command = Command("INSERT INTO runs (started_at, roots) VALUES ($at, $roots) RETURNING id");
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$roots", JsonSerializer.Serialize(roots));
        return (long)command.ExecuteScalar()!;
    });

    public void FinishRun(long runId, string summaryJson, DateTimeOffset now) => Guard(() =>
    {
        using var command = Command("UPDATE runs SET finished_at = $at, summary = $summary WHERE id = $id");
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$summary", summaryJson);
        command.Parameters.AddWithValue("$id", runId);
        command.ExecuteNonQuery();
    });

    /// <summary>Starts a batch of writes that becomes visible, all of it or none, at <see cref="CatalogBatch.Commit"/>.</summary>
    public CatalogBatch BeginBatch() => Guard(() => new CatalogBatch(_connection, FilePath));

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
                WHERE last_seen < $started AND status <> 'missing' AND source IS NULL AND (path = $root OR (path >= $from AND path < $to))
                """);
            select.Parameters.AddWithValue("$started", started);
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
        using (var select = Command("SELECT id, path, photo_id, status FROM locations WHERE source = $source AND last_seen < $started AND status <> 'missing'"))
        {
            select.Parameters.AddWithValue("$source", sourceId);
            select.Parameters.AddWithValue("$started", started);
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
            "SELECT EXISTS (SELECT 1 FROM locations WHERE photo_id = $photo AND status = 'ok' AND first_seen >= $started)", transaction);
        movedTo.Parameters.Add("$photo", SqliteType.Integer);
        movedTo.Parameters.AddWithValue("$started", started);
        using var drop = Command("DELETE FROM locations WHERE id = $id", transaction);
        drop.Parameters.Add("$id", SqliteType.Integer);
        using var markMissing = Command("UPDATE locations SET status = 'missing', reason = 'file no longer found' WHERE id = $id", transaction);
        markMissing.Parameters.Add("$id", SqliteType.Integer);

        var missing = 0;
        var movedPhotos = new HashSet<long>();
        foreach (var (id, _, photoId, status) in vanished)
        {
            var wasMoved = false;
            if (photoId is { } photo)
            {
                movedTo.Parameters["$photo"].Value = photo;
                wasMoved = Convert.ToInt64(movedTo.ExecuteScalar()) == 1;
            }
            // Moved files, and files with nothing derived (not images, or failed) leave no trace; photos that vanished
            // stay until pruned.
            var forget = wasMoved || status is "ignored" or "failed";
            var command = forget ? drop : markMissing;
            command.Parameters["$id"].Value = id;
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
        using var command = Command("SELECT photo_id, reason FROM photo_stages WHERE state = 'failed' AND substr(stage, 1, $n) <> $caption ORDER BY stage");
        command.Parameters.AddWithValue("$n", Stages.CaptionPrefix.Length);
        command.Parameters.AddWithValue("$caption", Stages.CaptionPrefix);
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
        using var command = Command("SELECT p.id, p.hash FROM photo_stages s JOIN photos p ON p.id = s.photo_id WHERE s.stage = $stage AND s.state = 'done'");
        command.Parameters.AddWithValue("$stage", stage);
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
    public List<PendingPhoto> ListPending(IReadOnlyCollection<string> stages) => Guard(() =>
    {
        using var command = Command("""
            SELECT p.id, p.hash, l.path, l.size, l.mtime, group_concat(s.stage, char(9)), l.content
            FROM photo_stages s
            JOIN photos p ON p.id = s.photo_id
            JOIN locations l ON l.id = (
                SELECT id FROM locations WHERE photo_id = p.id AND status = 'ok'
                ORDER BY content IS NOT NULL, last_seen DESC, id LIMIT 1)
            WHERE s.state = 'pending' AND s.stage IN (SELECT value FROM json_each($stages))
            GROUP BY p.id
            ORDER BY p.id
            """);
        command.Parameters.AddWithValue("$stages", JsonSerializer.Serialize(stages));
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
    });

    public CatalogStatus GetStatus(int failureLimit = 50) => Guard(() =>
    {
        var stages = new SortedDictionary<string, StageCounts>(StringComparer.Ordinal);
        using (var command = Command("""
            SELECT stage, sum(state = 'pending'), sum(state = 'done'), sum(state = 'failed') FROM photo_stages GROUP BY stage
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
            LIMIT $limit
            """))
        {
            command.Parameters.AddWithValue("$limit", failureLimit);
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

    /// <summary>Runs SQLite's own consistency check; "ok" when the file is sound.</summary>
    public string CheckIntegrity() => Guard(() => Convert.ToString(Scalar(_connection, "PRAGMA integrity_check")) ?? "");

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
    private static void AddPrefixRange(SqliteCommand command, string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        command.Parameters.AddWithValue("$root", trimmed);
        command.Parameters.AddWithValue("$from", trimmed + Path.DirectorySeparatorChar);
        command.Parameters.AddWithValue("$to", trimmed + (char)(Path.DirectorySeparatorChar + 1));
    }

    /// <summary>Makes every failure retryable: failed stages become pending, failed files are read again.</summary>
    public void RetryFailed() => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction();
        using var stages = Command("UPDATE photo_stages SET state = 'pending', reason = NULL WHERE state = 'failed'", transaction);
        stages.ExecuteNonQuery();
        using var locations = Command("DELETE FROM locations WHERE status = 'failed'", transaction);
        locations.ExecuteNonQuery();
        transaction.Commit();
    });

    private int CountOf(string sql) => Convert.ToInt32(Scalar(_connection, sql));

    private DateTimeOffset? TimeOf(string sql) =>
        Scalar(_connection, sql) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private T Guard<T>(Func<T> action) => CatalogErrors.Guard(FilePath, action);

    private void Guard(Action action) => CatalogErrors.Guard(FilePath, action);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
