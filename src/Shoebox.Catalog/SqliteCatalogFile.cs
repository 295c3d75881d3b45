using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Shoebox.Catalog;

/// <summary>
/// catalog.db as a file, before SQLite opens it. SQLite takes an empty file for a new database and answers from a
/// truncated one until it meets a page that is gone: the first would start a new library over the user's, the second
/// would serve half of one. So a new catalog is made whole under another name and renamed into place (a catalog.db
/// that is empty was emptied), and an existing one is checked against what its header says (100 bytes read, whatever
/// the catalog's size).
/// </summary>
internal static class SqliteCatalogFile
{
    private const string NewPrefix = ".catalog-new-";

    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>Whether the catalog had to be made: catalog.db did not exist, and now does, whole (schema applied).</summary>
    public static async Task<bool> CreateIfMissingAsync(string folder, string path, Action<SqliteConnection> prepare, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }
        var draft = Path.Combine(folder, $"{NewPrefix}{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = draft, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                prepare(connection);
                connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)"); // all of it in the file that is renamed
            }
            try
            {
                File.Move(draft, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: that one is the catalog.
            }
        }
        finally
        {
            foreach (var left in new[] { draft, draft + "-wal", draft + "-shm" })
            {
                File.Delete(left);
            }
        }
        return true;
    }

    /// <exception cref="LibraryDamagedException">The file cannot be a whole catalog.</exception>
    public static void Inspect(string folder, string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return;
        }
        var wal = new FileInfo(path + "-wal");
        var walLength = wal.Exists ? wal.Length : 0;
        if (file.Length == 0)
        {
            // SQLite writes the header when it opens a new file in WAL mode: an empty catalog.db was emptied.
            if (walLength == 0 && Content(folder) is { Count: > 0 } content)
            {
                throw new LibraryDamagedException(path, $"it is empty (0 bytes) while the library folder holds {string.Join(", ", content)}");
            }
            return;
        }
        Span<byte> header = stackalloc byte[100];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        if (read < header.Length || !header.StartsWith(Magic))
        {
            throw new LibraryDamagedException(path, $"it is not a Shoebox catalog ({file.Length:N0} bytes that are not an SQLite database)");
        }
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]) is var size && size == 1 ? 65536 : size;
        if (pageSize < 512 || !int.IsPow2(pageSize))
        {
            throw new LibraryDamagedException(path, "its header is damaged (no valid page size)");
        }
        // The page count in the header is valid when its change counter matches; with a write-ahead log beside it the
        // file may lag behind the log (a checkpoint in progress), so only a file alone is held to it.
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var counted = BinaryPrimitives.ReadUInt32BigEndian(header[24..]) == BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        if (walLength == 0 && counted && (long)pages * pageSize > file.Length)
        {
            throw new LibraryDamagedException(path, $"it is truncated ({file.Length:N0} bytes, where its header counts {pages:N0} pages of {pageSize:N0})");
        }
    }

    /// <summary>What the library folder holds besides the catalog's own files: what a new catalog would be put beside.</summary>
    public static List<string> Content(string folder)
    {
        var catalog = PhotoCatalog.FileName;
        return
        [
            .. Directory.EnumerateFileSystemEntries(folder)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => name != catalog && !name.StartsWith(catalog + "-", StringComparison.Ordinal) && !name.StartsWith(NewPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Take(4),
        ];
    }
}
