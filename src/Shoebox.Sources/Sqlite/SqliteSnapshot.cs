using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Sqlite;

/// <summary>
/// A private copy of a SQLite database that an application (Lightroom, Photos) may hold open, with its
/// write-ahead log, opened from a temporary folder and removed when disposed.
/// </summary>
/// <remarks>
/// Why a copy: opening the original read-only still takes locks and writes read marks into its -shm file, and
/// "immutable=1" (no locks) ignores the -wal, so edits the application has not checkpointed yet would be missed.
/// A copy is read through plain shared reads, never locks or touches the original, and SQLite replays the
/// copied log on open, ignoring any transaction that was not committed when the log was copied.
/// </remarks>
internal sealed class SqliteSnapshot : IDisposable
{
    // The log of a WAL database, or the rollback journal of one that is not (SQLite rolls a hot journal back).
    private static readonly string[] Companions = ["-wal", "-journal"];
    private static readonly string[] AllSuffixes = ["", .. Companions];
    private const int Attempts = 3;

    private readonly string _folder;

    private SqliteSnapshot(string folder, SqliteConnection connection)
    {
        _folder = folder;
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    // A process killed while reading leaves its copy behind; one a day old is no one's any more.
    private static void SweepLeftovers(string snapshots)
    {
        try
        {
            foreach (var stale in new DirectoryInfo(snapshots).EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
            {
                stale.Delete(recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to fix: the temporary folder is cleaned by the system too.
        }
    }

    /// <summary>Copies <paramref name="databasePath"/> and its log and opens the copy; throws IOException when it cannot be read.</summary>
    public static SqliteSnapshot Take(string databasePath)
    {
        var snapshots = Path.Combine(Path.GetTempPath(), "shoebox-snapshots");
        SweepLeftovers(snapshots);
        var folder = Path.Combine(snapshots, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var copy = Path.Combine(folder, Path.GetFileName(databasePath));
            CopyConsistently(databasePath, copy);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = copy,
                Mode = SqliteOpenMode.ReadWrite, // the copy's log is replayed into a new -shm beside it
                Pooling = false,
            }.ToString());
            try
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA query_only = ON";
                command.ExecuteNonQuery();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            return new SqliteSnapshot(folder, connection);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        TryDelete(_folder);
    }

    // The application may checkpoint or commit while the files are copied; a copy taken while nothing changed
    // (same sizes and times before and after) is consistent. After a few busy tries the last copy is used: SQLite
    // checks every log frame, so at worst the newest commits are missing.
    private static void CopyConsistently(string source, string target)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = Stamp(source);
            CopyShared(source, target);
            foreach (var suffix in Companions)
            {
                if (File.Exists(source + suffix))
                {
                    CopyShared(source + suffix, target + suffix);
                }
                else
                {
                    File.Delete(target + suffix);
                }
            }
            if (attempt == Attempts || before == Stamp(source))
            {
                return;
            }
        }
    }

    private static string Stamp(string source) => string.Join('|', AllSuffixes.Select(suffix =>
    {
        var info = new FileInfo(source + suffix);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "-";
    }));

    // Shared with writers and deleters: the application keeps the file open and must never be blocked by us.
    private static void CopyShared(string source, string target)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        input.CopyTo(output, 1 << 20);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the system's temp cleaning.
        }
    }
}
