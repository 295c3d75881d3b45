using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>One image's row in previews.db's ImageCacheEntry: which pyramid holds its previews, and how to turn them.</summary>
internal sealed record IndexEntry(long ImageId, string Uuid, string? Digest, string? Orientation);

/// <summary>One PyramidLevel row: a size Lightroom made, and (13.3+) the digest in that size's own file name.</summary>
internal sealed record IndexLevel(int Level, int LongDimension, string? Digest);

/// <summary>
/// previews.db, read whole from a private copy (see <see cref="SqliteSnapshot"/>) when the bundle is opened, so
/// Lightroom never finds it held open or locked. It is small (a few rows per image) next to the previews themselves.
/// </summary>
internal sealed class PreviewIndex
{
    public const string FileName = "previews.db";

    private PreviewIndex(Dictionary<long, IndexEntry> entries, Dictionary<string, List<IndexLevel>> levels)
    {
        Entries = entries;
        Levels = levels;
    }

    public IReadOnlyDictionary<long, IndexEntry> Entries { get; }

    /// <summary>PyramidLevel rows by uuid (any case).</summary>
    public IReadOnlyDictionary<string, List<IndexLevel>> Levels { get; }

    public static PreviewIndex Read(string path)
    {
        using var snapshot = SqliteSnapshot.Take(path);
        var connection = snapshot.Connection;
        var tables = SqliteSchema.Tables(connection);
        if (!tables.Contains("ImageCacheEntry"))
        {
            throw new InvalidDataException($"{path} has no ImageCacheEntry table: not a Lightroom previews index");
        }
        var entries = new Dictionary<long, IndexEntry>();
        SqliteSchema.ForEach(connection, "SELECT imageId, uuid, digest, orientation FROM ImageCacheEntry WHERE imageId IS NOT NULL", row =>
        {
            if (SqliteSchema.Text(row, 1) is { } uuid)
            {
                entries.TryAdd(row.GetInt64(0), new IndexEntry(row.GetInt64(0), uuid, SqliteSchema.Text(row, 2), SqliteSchema.Text(row, 3)));
            }
        });
        var levels = new Dictionary<string, List<IndexLevel>>(StringComparer.OrdinalIgnoreCase);
        if (tables.Contains("PyramidLevel"))
        {
            var digest = SqliteSchema.Columns(connection, "PyramidLevel").Contains("digest") ? "digest" : "NULL";
            SqliteSchema.ForEach(connection, $"SELECT uuid, level, longDimension, {digest} FROM PyramidLevel", row =>
            {
                if (SqliteSchema.Text(row, 0) is not { } uuid)
                {
                    return;
                }
                if (!levels.TryGetValue(uuid, out var list))
                {
                    levels[uuid] = list = [];
                }
                list.Add(new IndexLevel((int)(SqliteSchema.Long(row, 1) ?? 0), (int)(SqliteSchema.Long(row, 2) ?? 0), SqliteSchema.Text(row, 3)));
            });
        }
        return new PreviewIndex(entries, levels);
    }
}
