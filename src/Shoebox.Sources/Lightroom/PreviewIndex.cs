using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>One image's row in previews.db's ImageCacheEntry: which pyramid holds its previews, and how to turn them.</summary>
internal sealed record IndexEntry(long ImageId, string Uuid, string? Digest, string? Orientation);

/// <summary>One PyramidLevel row: a size Lightroom made, and (13.3+) the digest in that size's own file name.</summary>
internal sealed record IndexLevel(int Level, int LongDimension, string? Digest);

/// <summary>
/// previews.db, read whole when the bundle is opened and closed at once, so Lightroom never finds it held open.
/// It is small (a few rows per image) next to the previews themselves.
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
        using var database = ReadOnlyDatabase.Open(path);
        if (!database.HasTable("ImageCacheEntry"))
        {
            throw new InvalidDataException($"{path} has no ImageCacheEntry table: not a Lightroom previews index");
        }
        var entries = new Dictionary<long, IndexEntry>();
        using (var command = database.Connection.CreateCommand())
        {
            command.CommandText = "SELECT imageId, uuid, digest, orientation FROM ImageCacheEntry WHERE uuid IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var entry = new IndexEntry(reader.GetInt64(0), reader.GetString(1), Text(reader, 2), Text(reader, 3));
                entries.TryAdd(entry.ImageId, entry);
            }
        }
        var levels = new Dictionary<string, List<IndexLevel>>(StringComparer.OrdinalIgnoreCase);
        if (database.HasTable("PyramidLevel"))
        {
            var hasDigest = database.HasColumn("PyramidLevel", "digest");
            using var command = database.Connection.CreateCommand();
            command.CommandText = $"SELECT uuid, level, longDimension, {(hasDigest ? "digest" : "NULL")} FROM PyramidLevel WHERE uuid IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var uuid = reader.GetString(0);
                if (!levels.TryGetValue(uuid, out var list))
                {
                    levels[uuid] = list = [];
                }
                list.Add(new IndexLevel(reader.IsDBNull(1) ? 0 : Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(2) ? 0 : Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), Text(reader, 3)));
            }
        }
        return new PreviewIndex(entries, levels);
    }

    private static string? Text(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);
}
