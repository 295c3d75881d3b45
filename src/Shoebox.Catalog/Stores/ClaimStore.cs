namespace Shoebox.Catalog.Stores;

/// <summary>
/// Claims of indexing workers: a worker takes a batch of photos with pending stages for a lease, renews the lease
/// while it works, and writes a photo's results only while it still holds the photo. A lease that runs out (the
/// worker crashed, or lost the database) makes its photos claimable by any worker. Leases are timed by the database's
/// clock, so the machines' clocks need not agree.
/// </summary>
public sealed class ClaimStore
{
    /// <summary>
    /// Claims after which a photo is left alone: one whose file brings down every worker that opens it must not take
    /// them all down in turn. `shoebox index --retry-failed` makes it claimable again.
    /// </summary>
    public const int MaxClaims = 5;

    private readonly CatalogSession _session;
    private readonly StageStore _stages;

    internal ClaimStore(CatalogSession session, StageStore stages)
    {
        _session = session;
        _stages = stages;
    }

    private SqlDialect Dialect => _session.Dialect;

    /// <summary>
    /// Claims up to <paramref name="limit"/> photos with some of <paramref name="stages"/> pending (lowest ids first)
    /// for <paramref name="lease"/>: those no one holds, those whose lease ran out, and those <paramref name="worker"/>
    /// holds already (its batch in hand when it lost the database). Photos in <paramref name="passOver"/> are left.
    /// Concurrent claims never return the same photo: PostgreSQL skips rows another claim has locked, SQLite claims
    /// under its write lock.
    /// </summary>
    public async Task<List<PendingPhoto>> ClaimAsync(
        IReadOnlyCollection<string> stages, string worker, int limit, TimeSpan lease, IReadOnlyCollection<long> passOver)
    {
        var ids = await _session.AtomicAsync(() => _session.ListAsync(
            $"""
            UPDATE photos SET claimed_by = @worker, lease_until = {Dialect.NowMilliseconds} + @lease, claims = claims + 1
            WHERE id IN (
                SELECT p.id FROM photos p
                WHERE (p.lease_until IS NULL OR p.lease_until <= {Dialect.NowMilliseconds} OR p.claimed_by = @worker)
                  AND p.claims < @max AND NOT {Dialect.InList("p.id", "@passOver")}
                  AND EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = p.id AND s.state = 'pending' AND {Dialect.InList("s.stage", "@stages")})
                  AND {LocationSql.Exists("p.id")}
                ORDER BY p.id
                LIMIT @limit {Dialect.SkipLocked})
            RETURNING id
            """,
            c =>
            {
                c.Bind("@worker", worker);
                c.Bind("@lease", (long)lease.TotalMilliseconds);
                c.Bind("@max", MaxClaims);
                c.Bind("@passOver", Dialect.ListValue(passOver));
                c.Bind("@stages", Dialect.ListValue(stages));
                c.Bind("@limit", limit);
            },
            r => r.GetInt64(0)));
        return ids.Count == 0 ? [] : await _stages.ListPendingAsync(stages, ids);
    }

    /// <summary>
    /// Extends the lease on those of <paramref name="photoIds"/> that <paramref name="worker"/> still holds; returns
    /// how many. Photos whose results are being written at this moment are passed over rather than waited for: they
    /// need no more time, and waiting on the writer's row locks could deadlock with it.
    /// </summary>
    public Task<int> RenewAsync(string worker, IReadOnlyCollection<long> photoIds, TimeSpan lease) => _session.ExecuteAsync(
        $"""
        UPDATE photos SET lease_until = {Dialect.NowMilliseconds} + @lease
        WHERE id IN (SELECT id FROM photos WHERE claimed_by = @worker AND {Dialect.InList("id", "@ids")} {Dialect.SkipLocked})
        """,
        c =>
        {
            c.Bind("@lease", (long)lease.TotalMilliseconds);
            c.Bind("@worker", worker);
            c.Bind("@ids", Dialect.ListValue(photoIds));
        });

    /// <summary>Ends the lease on those of <paramref name="photoIds"/> that <paramref name="worker"/> holds, so others may take them now.</summary>
    public Task ReleaseAsync(string worker, IReadOnlyCollection<long> photoIds) => _session.ExecuteAsync(
        $"UPDATE photos SET lease_until = NULL WHERE claimed_by = @worker AND {Dialect.InList("id", "@ids")}",
        c =>
        {
            c.Bind("@worker", worker);
            c.Bind("@ids", Dialect.ListValue(photoIds));
        });

    /// <summary>Photos with some of <paramref name="stages"/> pending that a worker other than <paramref name="worker"/> holds now.</summary>
    public async Task<int> CountHeldByOthersAsync(IReadOnlyCollection<string> stages, string worker) => (int)await _session.CountAsync(
        $"""
        SELECT count(*) FROM photos p
        WHERE p.lease_until > {Dialect.NowMilliseconds} AND p.claimed_by <> @worker
          AND EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = p.id AND s.state = 'pending' AND {Dialect.InList("s.stage", "@stages")})
        """,
        c =>
        {
            c.Bind("@worker", worker);
            c.Bind("@stages", Dialect.ListValue(stages));
        });

    /// <summary>
    /// Whether <paramref name="worker"/> still holds its claim on the photo, locking the photo's row until the batch
    /// ends: a worker whose lease another worker took over writes nothing, and no claim can slip in between. Call it
    /// inside the batch that writes the photo's results.
    /// </summary>
    public async Task<bool> HoldsAsync(long photoId, string worker) => await _session.ExecuteAsync(
        "UPDATE photos SET claimed_by = claimed_by WHERE id = @id AND claimed_by = @worker",
        c =>
        {
            c.Bind("@id", photoId);
            c.Bind("@worker", worker);
        }) == 1;
}
