using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>A photo waiting for a stage done from its thumbnail alone (a caption), with a path to name it by.</summary>
public sealed record ThumbnailWork(long PhotoId, ContentHash Hash, string? Path);

public sealed partial class PhotoCatalog
{
    /// <summary>
    /// Makes <paramref name="stage"/> pending for every photo whose thumbnails are made and that has no state for it
    /// yet: the first run queues the whole library, later runs only the photos indexed since. Returns how many.
    /// </summary>
    public int QueueStageAfterThumbnails(string stage, DateTimeOffset now) => Guard(() =>
    {
        using var command = Command("""
            INSERT INTO photo_stages (photo_id, stage, state, reason, updated_at)
            SELECT photo_id, @stage, 'pending', NULL, @at FROM photo_stages
            WHERE stage = @thumbnails AND state = 'done'
            ON CONFLICT (photo_id, stage) DO NOTHING
            """);
        command.Bind("@stage", stage);
        command.Bind("@thumbnails", Stages.Thumbnails);
        command.Bind("@at", now.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    });

    /// <summary>Photos whose <paramref name="stage"/> is pending, oldest first, at most <paramref name="limit"/>.</summary>
    public List<ThumbnailWork> ListPendingStage(string stage, int? limit = null) => Guard(() =>
    {
        using var command = Command("""
            SELECT p.id, p.hash,
                (SELECT path FROM locations WHERE photo_id = p.id ORDER BY status <> 'ok', id LIMIT 1)
            FROM photo_stages s JOIN photos p ON p.id = s.photo_id
            WHERE s.stage = @stage AND s.state = 'pending'
            ORDER BY p.id
            """ + (limit is { } most ? $" LIMIT {most}" : ""));
        command.Bind("@stage", stage);
        using var reader = command.ExecuteReader();
        var pending = new List<ThumbnailWork>();
        while (reader.Read())
        {
            pending.Add(new ThumbnailWork(reader.GetInt64(0), new ContentHash((byte[])reader[1]), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return pending;
    });

    /// <summary>Counts of one stage's states (zeros when no photo has it yet).</summary>
    public StageCounts CountStage(string stage) => Guard(() =>
    {
        using var command = Command("""
            SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed')
            FROM photo_stages WHERE stage = @stage
            """);
        command.Bind("@stage", stage);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new StageCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    });

    /// <summary>Makes one stage's failures pending again; returns how many.</summary>
    public int RetryFailedStage(string stage) => Guard(() =>
    {
        using var command = Command("UPDATE photo_stages SET state = 'pending', reason = NULL WHERE stage = @stage AND state = 'failed'");
        command.Bind("@stage", stage);
        return command.ExecuteNonQuery();
    });
}
