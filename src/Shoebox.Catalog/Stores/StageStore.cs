using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// Per photo and stage (metadata, thumbnails, a model's vector, text, tags, a caption model): pending, done or failed,
/// and why. What a run still has to do is whatever is pending here.
/// </summary>
public sealed class StageStore
{
    private readonly CatalogSession _session;

    internal StageStore(CatalogSession session) => _session = session;

    public Task SetAsync(long photoId, string stage, StageState state, string? reason, DateTimeOffset now) => _session.ExecuteAsync(
        """
        INSERT INTO photo_stages (photo_id, stage, state, reason, updated_at) VALUES (@photo, @stage, @state, @reason, @at)
        ON CONFLICT (photo_id, stage) DO UPDATE SET state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at
        """,
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@stage", stage);
            c.Bind("@state", state.ToString().ToLowerInvariant());
            c.Bind("@reason", reason);
            c.Bind("@at", now.ToUnixTimeMilliseconds());
        });

    /// <summary>Adds <paramref name="stage"/> as pending for every photo that does not have it yet; returns how many.</summary>
    public Task<int> QueueAsync(string stage) => _session.ExecuteAsync(
        """
        INSERT INTO photo_stages (photo_id, stage, state, updated_at)
        SELECT id, @stage, 'pending', @at FROM photos
        WHERE NOT EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = photos.id AND s.stage = @stage)
        ON CONFLICT (photo_id, stage) DO NOTHING
        """, // several workers may queue the same stage at the same moment
        c =>
        {
            c.Bind("@stage", stage);
            c.Bind("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        });

    /// <summary>Makes <paramref name="stage"/> pending again for every photo that has it (its inputs or its maker changed).</summary>
    public Task<int> RequeueAsync(string stage) => _session.ExecuteAsync(
        "UPDATE photo_stages SET state = 'pending', reason = NULL, updated_at = @at WHERE stage = @stage AND state <> 'pending'",
        c =>
        {
            c.Bind("@stage", stage);
            c.Bind("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        });

    /// <summary>
    /// Makes <paramref name="stage"/> pending for every photo whose thumbnails are made and that has no state for it
    /// yet: the first run queues the whole library, later runs only the photos indexed since. Returns how many.
    /// </summary>
    public Task<int> QueueAfterThumbnailsAsync(string stage, DateTimeOffset now) => _session.ExecuteAsync(
        """
        INSERT INTO photo_stages (photo_id, stage, state, reason, updated_at)
        SELECT photo_id, @stage, 'pending', NULL, @at FROM photo_stages
        WHERE stage = @thumbnails AND state = 'done'
        ON CONFLICT (photo_id, stage) DO NOTHING
        """,
        c =>
        {
            c.Bind("@stage", stage);
            c.Bind("@thumbnails", Core.Stages.Thumbnails);
            c.Bind("@at", now.ToUnixTimeMilliseconds());
        });

    /// <summary>
    /// Photos with some of <paramref name="stages"/> still pending (only those stages are listed), each with one
    /// readable location to work from. Stages this run cannot do (another model's vectors) are left alone.
    /// </summary>
    public Task<List<PendingPhoto>> ListPendingAsync(IReadOnlyCollection<string> stages) => ListPendingAsync(stages, null);

    /// <summary>The same, for <paramref name="photoIds"/> only (a worker's claimed batch).</summary>
    internal Task<List<PendingPhoto>> ListPendingAsync(IReadOnlyCollection<string> stages, IReadOnlyCollection<long>? photoIds)
    {
        var dialect = _session.Dialect;
        var only = photoIds is null ? "" : $"AND {dialect.InList("p.id", "@ids")}";
        return _session.ListAsync(
            $"""
            SELECT p.id, p.hash, l.path, l.size, l.mtime, {dialect.JoinedWithTabs("s.stage")}, l.content
            FROM photo_stages s
            JOIN photos p ON p.id = s.photo_id
            JOIN locations l ON l.id = (
                SELECT id FROM locations WHERE photo_id = p.id AND status = 'ok' AND paired = 0
                ORDER BY content IS NOT NULL, last_seen DESC, id LIMIT 1)
            WHERE s.state = 'pending' AND {dialect.InList("s.stage", "@stages")} {only}
            GROUP BY p.id, p.hash, l.id, l.path, l.size, l.mtime, l.content
            ORDER BY p.id
            """,
            c =>
            {
                c.Bind("@stages", dialect.ListValue(stages));
                if (photoIds is not null)
                {
                    c.Bind("@ids", dialect.ListValue(photoIds));
                }
            },
            r => new PendingPhoto(r.GetInt64(0), new ContentHash((byte[])r[1]), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5).Split('\t'))
            {
                Content = CatalogValues.ParseContent(r.IsDBNull(6) ? null : r.GetString(6)),
            });
    }

    /// <summary>Photos whose <paramref name="stage"/> is pending, oldest first, at most <paramref name="limit"/>, with a path to name each by.</summary>
    public Task<List<ThumbnailWork>> ListWaitingAsync(string stage, int? limit = null) => _session.ListAsync(
        """
        SELECT p.id, p.hash,
            (SELECT path FROM locations WHERE photo_id = p.id ORDER BY status <> 'ok', id LIMIT 1)
        FROM photo_stages s JOIN photos p ON p.id = s.photo_id
        WHERE s.stage = @stage AND s.state = 'pending'
        ORDER BY p.id
        LIMIT @limit
        """,
        c =>
        {
            c.Bind("@stage", stage);
            c.Bind("@limit", limit ?? long.MaxValue);
        },
        r => new ThumbnailWork(r.GetInt64(0), new ContentHash((byte[])r[1]), r.IsDBNull(2) ? null : r.GetString(2)));

    /// <summary>The content hash of every photo whose <paramref name="stage"/> is done.</summary>
    public Task<List<(long PhotoId, ContentHash Hash)>> ListDoneAsync(string stage) => _session.ListAsync(
        "SELECT p.id, p.hash FROM photo_stages s JOIN photos p ON p.id = s.photo_id WHERE s.stage = @stage AND s.state = 'done'",
        c => c.Bind("@stage", stage),
        r => (r.GetInt64(0), new ContentHash((byte[])r[1])));

    /// <summary>Which of these photos have the stage done: what a caller asks about a few photos, rather than list the whole library's.</summary>
    public async Task<HashSet<long>> DoneAmongAsync(string stage, IReadOnlyCollection<long> ids) =>
        [.. await _session.ListAsync(
            $"SELECT photo_id FROM photo_stages WHERE stage = @stage AND state = 'done' AND {_session.Dialect.InList("photo_id", "@ids")}",
            c =>
            {
                c.Bind("@stage", stage);
                c.Bind("@ids", _session.Dialect.ListValue(ids));
            },
            r => r.GetInt64(0))];

    /// <summary>
    /// Photos whose processing failed, with the first reason: a rerun reports them again without retrying. Captions
    /// are left out: `shoebox caption` makes and reports them, not indexing.
    /// </summary>
    public async Task<Dictionary<long, string>> LoadFailedAsync()
    {
        var rows = await _session.ListAsync(
            "SELECT photo_id, reason FROM photo_stages WHERE state = 'failed' AND substr(stage, 1, @n) <> @caption ORDER BY stage",
            c =>
            {
                c.Bind("@n", Core.Stages.CaptionPrefix.Length);
                c.Bind("@caption", Core.Stages.CaptionPrefix);
            },
            r => (Id: r.GetInt64(0), Reason: r.IsDBNull(1) ? "unknown" : r.GetString(1)));
        var failed = new Dictionary<long, string>();
        foreach (var (id, reason) in rows)
        {
            failed.TryAdd(id, reason);
        }
        return failed;
    }

    /// <summary>Counts of one stage's states (zeros when no photo has it yet).</summary>
    public async Task<StageCounts> CountAsync(string stage) => (await _session.ListAsync(
        """
        SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed')
        FROM photo_stages WHERE stage = @stage
        """,
        c => c.Bind("@stage", stage),
        r => new StageCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))))[0];

    /// <summary>Makes every failure retryable: failed stages become pending, failed files are read again, photos workers gave up on are claimable.</summary>
    public Task RetryFailedAsync() => _session.AtomicAsync(async () =>
    {
        await _session.ExecuteAsync("UPDATE photo_stages SET state = 'pending', reason = NULL WHERE state = 'failed'");
        await _session.ExecuteAsync("DELETE FROM locations WHERE status = 'failed'");
        await _session.ExecuteAsync("UPDATE photos SET claims = 0 WHERE claims >= @max", c => c.Bind("@max", ClaimStore.MaxClaims));
    });

    /// <summary>Makes one stage's failures pending again; returns how many.</summary>
    public Task<int> RetryFailedAsync(string stage) => _session.ExecuteAsync(
        "UPDATE photo_stages SET state = 'pending', reason = NULL WHERE stage = @stage AND state = 'failed'",
        c => c.Bind("@stage", stage));
}
