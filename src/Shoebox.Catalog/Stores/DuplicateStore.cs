namespace Shoebox.Catalog.Stores;

/// <summary>What duplicate finding reads (perceptual prints, copies) and writes (texts merged into a kept photo).</summary>
public sealed class DuplicateStore
{
    /// <summary>Text kinds that describe what a photo is about and so follow it when its duplicates are merged in.</summary>
    public static readonly IReadOnlyList<string> MergedTextKinds = ["keyword", "tag", "caption", "album"];

    public const string MergeSource = "merge";

    private readonly CatalogSession _session;

    internal DuplicateStore(CatalogSession session) => _session = session;

    private SqlDialect Dialect => _session.Dialect;

    public Task SavePrintAsync(long photoId, PerceptualPrint print) => _session.ExecuteAsync(
        """
        INSERT INTO photo_hashes (photo_id, phash, grey, centre) VALUES (@photo, @hash, @grey, @centre)
        ON CONFLICT (photo_id) DO UPDATE SET phash = excluded.phash, grey = excluded.grey, centre = excluded.centre
        """,
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@hash", unchecked((long)print.Hash));
            c.Bind("@grey", print.Grey);
            c.Bind("@centre", print.Centre);
        });

    /// <summary>The perceptual print of every photo that has one and a location that exists.</summary>
    public async Task<Dictionary<long, PerceptualPrint>> LoadPrintsAsync() =>
        (await _session.ListAsync(
            """
            SELECT h.photo_id, h.phash, h.grey, h.centre FROM photo_hashes h
            WHERE EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = h.photo_id AND l.status = 'ok')
            """,
            null,
            r => (Id: r.GetInt64(0), Print: new PerceptualPrint(unchecked((ulong)r.GetInt64(1)), (byte[])r[2], (byte[])r[3]))))
        .ToDictionary(row => row.Id, row => row.Print);

    /// <summary>
    /// Photos that exist at more than one place: exact copies, by photo id with their paths, the one to keep first:
    /// the place found first, where files found by the same run (listed in parallel, in no fixed order) count as
    /// found together and the one nearest its root wins.
    /// </summary>
    public async Task<Dictionary<long, List<string>>> LoadCopiesAsync()
    {
        var rows = await _session.ListAsync(
            """
            SELECT l.photo_id, l.path FROM locations l
            WHERE l.status = 'ok' AND l.photo_id IN (SELECT photo_id FROM locations WHERE status = 'ok' AND photo_id IS NOT NULL GROUP BY photo_id HAVING count(*) > 1)
            ORDER BY l.photo_id, coalesce((SELECT max(r.id) FROM runs r WHERE r.started_at <= l.first_seen), 0), length(l.path), l.path
            """,
            null,
            r => (Id: r.GetInt64(0), Path: r.GetString(1)));
        return rows.GroupBy(row => row.Id).ToDictionary(g => g.Key, g => g.Select(row => row.Path).ToList());
    }

    /// <summary>
    /// Copies the keywords, tags, captions and albums of <paramref name="others"/> onto <paramref name="keeperId"/>,
    /// each once: merging again adds nothing. Returns how many texts were added.
    /// </summary>
    public Task<int> MergeTextsAsync(long keeperId, IReadOnlyCollection<long> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        return _session.ExecuteAsync(
            $"""
            INSERT INTO texts (photo_id, kind, source, content)
            SELECT DISTINCT @keeper, t.kind, @source, t.content FROM texts t
            WHERE {Dialect.InList("t.photo_id", "@others")} AND t.photo_id <> @keeper
              AND {Dialect.InList("t.kind", "@kinds")}
              AND NOT EXISTS (SELECT 1 FROM texts k WHERE k.photo_id = @keeper AND k.kind = t.kind AND k.content = t.content)
              AND NOT (t.kind = 'tag' AND EXISTS (SELECT 1 FROM tag_removals r WHERE r.photo_id = @keeper AND r.tag = t.content COLLATE NOCASE))
            """,
            c =>
            {
                c.Bind("@keeper", keeperId);
                c.Bind("@source", MergeSource);
                c.Bind("@others", Dialect.ListValue(others));
                c.Bind("@kinds", Dialect.ListValue(MergedTextKinds));
            });
    }

    /// <summary>How many texts each of these photos has: a tie-break when choosing which duplicate to keep.</summary>
    public async Task<Dictionary<long, int>> CountTextsAsync(IReadOnlyCollection<long> ids) =>
        (await _session.ListAsync(
            $"SELECT photo_id, count(*) FROM texts WHERE {Dialect.InList("photo_id", "@ids")} GROUP BY photo_id",
            c => c.Bind("@ids", Dialect.ListValue(ids)),
            r => (Id: r.GetInt64(0), Count: r.GetInt32(1))))
        .ToDictionary(row => row.Id, row => row.Count);
}
