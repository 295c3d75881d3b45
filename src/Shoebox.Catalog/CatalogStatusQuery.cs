namespace Shoebox.Catalog;

/// <summary>The library at a glance (`shoebox status`, the app's header): counts from every table, and recent failures.</summary>
internal static class CatalogStatusQuery
{
    public static async Task<CatalogStatus> ReadAsync(CatalogSession session, int failureLimit)
    {
        var stages = new SortedDictionary<string, StageCounts>(StringComparer.Ordinal);
        foreach (var (stage, counts) in await session.ListAsync(
            """
            SELECT stage, count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed')
            FROM photo_stages GROUP BY stage
            """,
            null,
            r => (r.GetString(0), new StageCounts(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)))))
        {
            stages[stage] = counts;
        }
        var failures = await session.ListAsync(
            """
            SELECT path, reason, NULL FROM locations WHERE status = 'failed'
            UNION ALL
            SELECT (SELECT path FROM locations WHERE photo_id = s.photo_id ORDER BY status <> 'ok', id LIMIT 1), s.reason, s.stage
            FROM photo_stages s WHERE s.state = 'failed'
            LIMIT @limit
            """,
            c => c.Bind("@limit", failureLimit),
            r => new CatalogFailure(
                r.IsDBNull(0) ? "(no location)" : r.GetString(0),
                r.IsDBNull(1) ? "unknown" : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2)));
        async Task<int> Count(string sql) => (int)await session.CountAsync(sql);
        async Task<DateTimeOffset?> Time(string sql) => await session.ScalarAsync(sql) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return new CatalogStatus(
            Photos: await Count("SELECT count(*) FROM photos"),
            Locations: await Count("SELECT count(*) FROM locations WHERE status IN ('ok', 'missing')"),
            Missing: await Count("SELECT count(*) FROM locations WHERE status = 'missing'"),
            Failed: await Count("SELECT count(*) FROM locations WHERE status = 'failed'")
                + await Count("SELECT count(DISTINCT photo_id) FROM photo_stages WHERE state = 'failed'"),
            Stages: stages,
            Failures: failures,
            LastRunStarted: await Time("SELECT started_at FROM runs ORDER BY id DESC LIMIT 1"),
            LastRunFinished: await Time("SELECT finished_at FROM runs ORDER BY id DESC LIMIT 1"));
    }
}
