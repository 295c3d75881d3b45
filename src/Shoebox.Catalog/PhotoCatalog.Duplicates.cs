namespace Shoebox.Catalog;

/// <summary>What duplicate finding reads (perceptual hashes) and writes (texts merged into a kept photo).</summary>
public sealed partial class PhotoCatalog
{
    /// <summary>Text kinds that describe what a photo is about and so follow it when its duplicates are merged in.</summary>
    public static readonly IReadOnlyList<string> MergedTextKinds = ["keyword", "tag", "caption", "album"];

    public const string MergeSource = "merge";

    /// <summary>The perceptual hash and grey print of every photo that has them and a location that exists.</summary>
    public Dictionary<long, (ulong Hash, byte[] Grey, byte[] Centre)> LoadPerceptualHashes() => Guard(() =>
    {
        using var command = Command("""
            SELECT h.photo_id, h.phash, h.grey, h.centre FROM photo_hashes h
            WHERE EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = h.photo_id AND l.status = 'ok')
            """);
        using var reader = command.ExecuteReader();
        var hashes = new Dictionary<long, (ulong, byte[], byte[])>();
        while (reader.Read())
        {
            hashes[reader.GetInt64(0)] = (unchecked((ulong)reader.GetInt64(1)), (byte[])reader[2], (byte[])reader[3]);
        }
        return hashes;
    });

    /// <summary>
    /// Photos that exist at more than one place: exact copies, by photo id with their paths, the one to keep first:
    /// the place found first, where files found by the same run (listed in parallel, in no fixed order) count as
    /// found together and the one nearest its root wins.
    /// </summary>
    public Dictionary<long, List<string>> LoadCopies() => Guard(() =>
    {
        using var command = Command("""
            SELECT l.photo_id, l.path FROM locations l
            WHERE l.status = 'ok' AND l.photo_id IN (SELECT photo_id FROM locations WHERE status = 'ok' AND photo_id IS NOT NULL GROUP BY photo_id HAVING count(*) > 1)
            ORDER BY l.photo_id, coalesce((SELECT max(r.id) FROM runs r WHERE r.started_at <= l.first_seen), 0), length(l.path), l.path
            """);
        using var reader = command.ExecuteReader();
        var copies = new Dictionary<long, List<string>>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!copies.TryGetValue(id, out var paths))
            {
                copies[id] = paths = [];
            }
            paths.Add(reader.GetString(1));
        }
        return copies;
    });

    /// <summary>
    /// Copies the keywords, tags, captions and albums of <paramref name="others"/> onto <paramref name="keeperId"/>,
    /// each once: merging again adds nothing. Returns how many texts were added.
    /// </summary>
    public int MergeTexts(long keeperId, IReadOnlyCollection<long> others) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(others);
        using var transaction = _connection.BeginTransaction();
        using var command = Command($"""
            INSERT INTO texts (photo_id, kind, source, content)
            SELECT DISTINCT @keeper, t.kind, @source, t.content FROM texts t
            WHERE {_dialect.InList("t.photo_id", "@others")} AND t.photo_id <> @keeper
              AND {_dialect.InList("t.kind", "@kinds")}
              AND NOT EXISTS (SELECT 1 FROM texts k WHERE k.photo_id = @keeper AND k.kind = t.kind AND k.content = t.content)
              AND NOT (t.kind = 'tag' AND EXISTS (SELECT 1 FROM tag_removals r WHERE r.photo_id = @keeper AND r.tag = t.content COLLATE NOCASE))
            """, transaction);
        command.Bind("@keeper", keeperId);
        command.Bind("@source", MergeSource);
        command.Bind("@others", _dialect.ListValue(others));
        command.Bind("@kinds", _dialect.ListValue(MergedTextKinds));
        var added = command.ExecuteNonQuery();
        transaction.Commit();
        return added;
    });

    /// <summary>How many texts each of these photos has: a tie-break when choosing which duplicate to keep.</summary>
    public Dictionary<long, int> CountTexts(IReadOnlyCollection<long> ids) => Guard(() =>
    {
        using var command = Command($"SELECT photo_id, count(*) FROM texts WHERE {_dialect.InList("photo_id", "@ids")} GROUP BY photo_id");
        command.Bind("@ids", _dialect.ListValue(ids));
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<long, int>();
        while (reader.Read())
        {
            counts[reader.GetInt64(0)] = reader.GetInt32(1);
        }
        return counts;
    });
}
