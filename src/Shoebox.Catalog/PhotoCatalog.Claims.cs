namespace Shoebox.Catalog;

/// <summary>
/// Claims of indexing workers: a worker takes a batch of photos with pending stages for a lease, renews the lease
/// while it works, and writes a photo's results only while it still holds the photo. A lease that runs out (the
/// worker crashed, or lost the database) makes its photos claimable by any worker.
/// </summary>
public sealed partial class PhotoCatalog
{
    /// <summary>
    /// Claims after which a photo is left alone: one whose file brings down every worker that opens it must not take
    /// them all down in turn. `shoebox index --retry-failed` makes it claimable again.
    /// </summary>
    public const int MaxClaims = 5;

    /// <summary>
    /// Claims up to <paramref name="limit"/> photos with some of <paramref name="stages"/> pending (lowest ids first)
    /// for <paramref name="lease"/>: those no one holds, those whose lease ran out, and those <paramref name="worker"/>
    /// holds already (its batch in hand when it lost the database). Photos in <paramref name="passOver"/> are left.
    /// Concurrent claims never return the same photo: PostgreSQL skips rows another claim has locked, SQLite claims
    /// under its write lock.
    /// </summary>
    public List<PendingPhoto> ClaimPending(
        IReadOnlyCollection<string> stages, string worker, int limit, TimeSpan lease, IReadOnlyCollection<long> passOver) => Guard(() =>
    {
        var ids = new List<long>();
        using (var transaction = _connection.BeginTransaction())
        {
            using var command = Command($"""
                UPDATE photos SET claimed_by = @worker, lease_until = {_dialect.NowMilliseconds} + @lease, claims = claims + 1
                WHERE id IN (
                    SELECT p.id FROM photos p
                    WHERE (p.lease_until IS NULL OR p.lease_until <= {_dialect.NowMilliseconds} OR p.claimed_by = @worker)
                      AND p.claims < @max AND NOT {_dialect.InList("p.id", "@passOver")}
                      AND EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = p.id AND s.state = 'pending' AND {_dialect.InList("s.stage", "@stages")})
                      AND EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = p.id AND l.status = 'ok')
                    ORDER BY p.id
                    LIMIT @limit {_dialect.SkipLocked})
                RETURNING id
                """, transaction);
            command.Bind("@worker", worker);
            command.Bind("@lease", (long)lease.TotalMilliseconds);
            command.Bind("@max", MaxClaims);
            command.Bind("@passOver", _dialect.ListValue(passOver));
            command.Bind("@stages", _dialect.ListValue(stages));
            command.Bind("@limit", limit);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
            transaction.Commit();
        }
        return ids.Count == 0 ? [] : ListPending(stages, ids);
    });

    /// <summary>
    /// Extends the lease on those of <paramref name="photoIds"/> that <paramref name="worker"/> still holds; returns
    /// how many. Photos whose results are being written at this moment are passed over rather than waited for: they
    /// need no more time, and waiting on the writer's row locks could deadlock with it.
    /// </summary>
    public int RenewClaims(string worker, IReadOnlyCollection<long> photoIds, TimeSpan lease) => Guard(() =>
    {
        using var command = Command($"""
            UPDATE photos SET lease_until = {_dialect.NowMilliseconds} + @lease
            WHERE id IN (SELECT id FROM photos WHERE claimed_by = @worker AND {_dialect.InList("id", "@ids")} {_dialect.SkipLocked})
            """);
        command.Bind("@lease", (long)lease.TotalMilliseconds);
        command.Bind("@worker", worker);
        command.Bind("@ids", _dialect.ListValue(photoIds));
        return command.ExecuteNonQuery();
    });

    /// <summary>Ends the lease on those of <paramref name="photoIds"/> that <paramref name="worker"/> holds, so others may take them now.</summary>
    public void ReleaseClaims(string worker, IReadOnlyCollection<long> photoIds) => Guard(() =>
    {
        using var command = Command($"UPDATE photos SET lease_until = NULL WHERE claimed_by = @worker AND {_dialect.InList("id", "@ids")}");
        command.Bind("@worker", worker);
        command.Bind("@ids", _dialect.ListValue(photoIds));
        command.ExecuteNonQuery();
    });

    /// <summary>Photos with some of <paramref name="stages"/> pending that a worker other than <paramref name="worker"/> holds now.</summary>
    public int CountClaimedByOthers(IReadOnlyCollection<string> stages, string worker) => Guard(() =>
    {
        using var command = Command($"""
            SELECT count(*) FROM photos p
            WHERE p.lease_until > {_dialect.NowMilliseconds} AND p.claimed_by <> @worker
              AND EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = p.id AND s.state = 'pending' AND {_dialect.InList("s.stage", "@stages")})
            """);
        command.Bind("@worker", worker);
        command.Bind("@stages", _dialect.ListValue(stages));
        return Convert.ToInt32(command.ExecuteScalar());
    });
}
