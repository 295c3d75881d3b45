using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// A Lightroom SQLite file (catalog or previews.db) opened so that Lightroom is never disturbed: read-only and
/// unpooled, so no handle outlives the read. Lightroom holds its catalog locked while it runs; then a private copy
/// is read instead (a snapshot, deleted on dispose), which is the only way to read it without waiting for
/// Lightroom to close. `immutable=1` is not used: it would read pages Lightroom is rewriting as if they were stable.
/// </summary>
internal sealed class ReadOnlyDatabase : IDisposable
{
    private const int Busy = 5;
    private const int Locked = 6;

    private readonly string? _copyFolder;

    private ReadOnlyDatabase(SqliteConnection connection, string? copyFolder)
    {
        Connection = connection;
        _copyFolder = copyFolder;
    }

    public SqliteConnection Connection { get; }

    /// <summary>True when the file was locked and a copy is being read.</summary>
    public bool IsCopy => _copyFolder is not null;

    public static ReadOnlyDatabase Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist", path);
        }
        var connection = Connect(path, SqliteOpenMode.ReadOnly);
        try
        {
            Probe(connection);
            return new ReadOnlyDatabase(connection, null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is Busy or Locked)
        {
            connection.Dispose();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        var folder = Path.Combine(Path.GetTempPath(), "shoebox-lightroom-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var copy = Path.Combine(folder, Path.GetFileName(path));
            CopyShared(path, copy);
            if (File.Exists(path + "-wal"))
            {
                CopyShared(path + "-wal", copy + "-wal");
            }
            var copied = Connect(copy, SqliteOpenMode.ReadWrite);
            Probe(copied);
            return new ReadOnlyDatabase(copied, folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public bool HasTable(string name)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is not null;
    }

    public bool HasColumn(string table, string column)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return command.ExecuteScalar() is not null;
    }

    public void Dispose()
    {
        Connection.Dispose();
        if (_copyFolder is not null)
        {
            try
            {
                Directory.Delete(_copyFolder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleaning.
            }
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 2, // Lightroom keeps its lock while it runs: waiting longer only delays the copy
        }.ToString());
        connection.Open();
        return connection;
    }

    // Reading the schema is the first thing that touches the file's lock.
    private static void Probe(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        command.ExecuteScalar();
    }

    private static void CopyShared(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var target = new FileStream(to, FileMode.CreateNew, FileAccess.Write);
        source.CopyTo(target);
    }
}
