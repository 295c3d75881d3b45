namespace Shoebox.Catalog.Stores;

/// <summary>What duplicate finding reads (perceptual prints, copies, files) and writes (texts merged into a kept photo, the user's decisions).</summary>
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

    /// <summary>The perceptual print of every photo that has one and a location that exists (of these photos only, when given).</summary>
    public async Task<Dictionary<long, PerceptualPrint>> LoadPrintsAsync(IReadOnlyCollection<long>? ids = null) =>
        (await _session.ListAsync(
            $"""
            SELECT h.photo_id, h.phash, h.grey, h.centre FROM photo_hashes h
            WHERE {LocationSql.Exists("h.photo_id")}{(ids is null ? "" : $" AND {Dialect.InList("h.photo_id", "@ids")}")}
            """,
            ids is null ? null : c => c.Bind("@ids", Dialect.ListValue(ids)),
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
            WHERE l.status = 'ok' AND l.paired = 0
              AND l.photo_id IN (SELECT photo_id FROM locations WHERE status = 'ok' AND paired = 0 AND photo_id IS NOT NULL GROUP BY photo_id HAVING count(*) > 1)
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
    public Task<int> MergeTextsAsync(long keeperId, IReadOnlyCollection<long> others) =>
        _session.ExecuteAsync($"INSERT INTO texts (photo_id, kind, source, content) {TextsToMerge}", c => BindMerge(c, keeperId, others));

    /// <summary>How many texts <see cref="MergeTextsAsync"/> would add now, adding none.</summary>
    public async Task<int> CountTextsToMergeAsync(long keeperId, IReadOnlyCollection<long> others) =>
        (int)await _session.CountAsync($"SELECT count(*) FROM ({TextsToMerge}) merged", c => BindMerge(c, keeperId, others));

    // The others' texts of the kinds that follow a photo, each once, that the keeper has not (nor had a tag taken off).
    private string TextsToMerge =>
        $"""
        SELECT DISTINCT @keeper, t.kind, @source, t.content FROM texts t
        WHERE {Dialect.InList("t.photo_id", "@others")} AND t.photo_id <> @keeper
          AND {Dialect.InList("t.kind", "@kinds")}
          AND NOT EXISTS (SELECT 1 FROM texts k WHERE k.photo_id = @keeper AND k.kind = t.kind AND k.content = t.content)
          AND NOT (t.kind = 'tag' AND EXISTS (SELECT 1 FROM tag_removals r WHERE r.photo_id = @keeper AND r.tag = t.content COLLATE NOCASE))
        """;

    private void BindMerge(System.Data.Common.DbCommand command, long keeperId, IReadOnlyCollection<long> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        command.Bind("@keeper", keeperId);
        command.Bind("@source", MergeSource);
        command.Bind("@others", Dialect.ListValue(others));
        command.Bind("@kinds", Dialect.ListValue(MergedTextKinds));
    }

    /// <summary>
    /// The files of these photos that exist (locations in a file of their own: not archive entries or stand-ins), with
    /// their modification times: what choosing the keeper may read, and how old each copy is.
    /// </summary>
    public async Task<Dictionary<long, List<CopyFile>>> LoadFilesAsync(IReadOnlyCollection<long> ids) =>
        (await _session.ListAsync(
            $"""
            SELECT photo_id, path, mtime FROM locations
            WHERE status = 'ok' AND paired = 0 AND content IS NULL AND {Dialect.InList("photo_id", "@ids")} ORDER BY photo_id, first_seen, path
            """,
            c => c.Bind("@ids", Dialect.ListValue(ids)),
            r => (Id: r.GetInt64(0), File: new CopyFile(r.GetString(1), r.GetInt64(2)))))
        .GroupBy(row => row.Id)
        .ToDictionary(g => g.Key, g => g.Select(row => row.File).ToList());

    /// <summary>What the user decided: the photos chosen as keepers, and the pairs that are not duplicates (smaller id first).</summary>
    public async Task<DuplicateDecisions> LoadDecisionsAsync()
    {
        var keepers = await _session.ListAsync("SELECT photo_id FROM duplicate_keepers", null, r => r.GetInt64(0));
        var apart = await _session.ListAsync("SELECT photo_a, photo_b FROM not_duplicates", null, r => (r.GetInt64(0), r.GetInt64(1)));
        return new DuplicateDecisions(new HashSet<long>(keepers), new HashSet<(long, long)>(apart));
    }

    /// <summary>Makes <paramref name="keeperId"/> the keeper its group is to have, instead of any other of <paramref name="group"/> chosen before.</summary>
    public Task ChooseKeeperAsync(long keeperId, IReadOnlyCollection<long> group, DateTimeOffset now) => _session.AtomicAsync(async () =>
    {
        await _session.ExecuteAsync(
            $"DELETE FROM duplicate_keepers WHERE {Dialect.InList("photo_id", "@group")}",
            c => c.Bind("@group", Dialect.ListValue(group)));
        await _session.ExecuteAsync(
            "INSERT INTO duplicate_keepers (photo_id, chosen_at) VALUES (@id, @at) ON CONFLICT (photo_id) DO UPDATE SET chosen_at = excluded.chosen_at",
            c =>
            {
                c.Bind("@id", keeperId);
                c.Bind("@at", now.ToUnixTimeMilliseconds());
            });
    });

    /// <summary>Records that each of these pairs of photos is not a pair of duplicates; recording one again changes nothing.</summary>
    public Task KeepApartAsync(IEnumerable<(long A, long B)> pairs, DateTimeOffset now) => _session.AtomicAsync(async () =>
    {
        foreach (var (a, b) in pairs.Where(p => p.A != p.B).Select(p => (Math.Min(p.A, p.B), Math.Max(p.A, p.B))).Distinct())
        {
            await _session.ExecuteAsync(
                "INSERT INTO not_duplicates (photo_a, photo_b, decided_at) VALUES (@a, @b, @at) ON CONFLICT (photo_a, photo_b) DO NOTHING",
                c =>
                {
                    c.Bind("@a", a);
                    c.Bind("@b", b);
                    c.Bind("@at", now.ToUnixTimeMilliseconds());
                });
        }
    });

    /// <summary>How many texts each of these photos has: a tie-break when choosing which duplicate to keep.</summary>
    public async Task<Dictionary<long, int>> CountTextsAsync(IReadOnlyCollection<long> ids) =>
        (await _session.ListAsync(
            $"SELECT photo_id, count(*) FROM texts WHERE {Dialect.InList("photo_id", "@ids")} GROUP BY photo_id",
            c => c.Bind("@ids", Dialect.ListValue(ids)),
            r => (Id: r.GetInt64(0), Count: r.GetInt32(1))))
        .ToDictionary(row => row.Id, row => row.Count);
}
