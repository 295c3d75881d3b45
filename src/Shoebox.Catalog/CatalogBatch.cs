using Microsoft.Data.Sqlite;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// A short write transaction. The indexer groups a few hundred file results into one batch so a crash loses at
/// most one batch, and the catalog never holds half of a file's result.
/// </summary>
public sealed partial class CatalogBatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly string _catalogPath;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal CatalogBatch(SqliteConnection connection, string catalogPath)
    {
        _connection = connection;
        _catalogPath = catalogPath;
        _transaction = connection.BeginTransaction();
    }

    /// <summary>Points <paramref name="path"/> at the photo with this content, adding the photo (and its pending stages) when new.</summary>
    public LinkResult LinkFile(
        string path, string root, long size, long modifiedTicks, ContentHash hash, ImageFormat format, DateTimeOffset now, LocationOrigin? origin = null) =>
        Guard(() =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            var existing = Run("SELECT id FROM photos WHERE hash = $hash", c => c.Parameters.AddWithValue("$hash", hash.ToArray()), scalar: true);
            var isNew = existing is null;
            var photoId = existing is long id ? id : (long)Run(
                "INSERT INTO photos (hash, size, format, added_at) VALUES ($hash, $size, $format, $at) RETURNING id",
                c =>
                {
                    c.Parameters.AddWithValue("$hash", hash.ToArray());
                    c.Parameters.AddWithValue("$size", size);
                    c.Parameters.AddWithValue("$format", format.ToString().ToLowerInvariant());
                    c.Parameters.AddWithValue("$at", ms);
                },
                scalar: true)!;
            if (isNew)
            {
                foreach (var stage in Stages.Initial)
                {
                    SetStage(photoId, stage, StageState.Pending, null, now);
                }
            }
            var before = Run("SELECT photo_id FROM locations WHERE path = $path", c => c.Parameters.AddWithValue("$path", path), scalar: true);
            var locationId = UpsertLocation(path, root, size, modifiedTicks, photoId, "ok", null, ms, origin);
            // Texts a source said about this location follow it to its new content.
            Run("UPDATE texts SET photo_id = $photo WHERE location_id = $location AND photo_id <> $photo", c =>
            {
                c.Parameters.AddWithValue("$photo", photoId);
                c.Parameters.AddWithValue("$location", locationId);
            });
            if (before is long previous && previous != photoId)
            {
                ApplyFacts(previous); // what this location's sources said no longer applies to the content it held
            }
            return new LinkResult(photoId, isNew, locationId);
        });

    /// <summary>Remembers a file that claims to be an image but cannot be catalogued, with the reason.</summary>
    public void RecordFailure(string path, string root, long size, long modifiedTicks, string reason, DateTimeOffset now, LocationOrigin? origin = null) =>
        Guard(() => UpsertLocation(path, root, size, modifiedTicks, null, "failed", reason, now.ToUnixTimeMilliseconds(), origin));

    /// <summary>Remembers a file that is not an image, so the next run skips it without opening it.</summary>
    public void RecordIgnored(string path, string root, long size, long modifiedTicks, DateTimeOffset now, LocationOrigin? origin = null) =>
        Guard(() => UpsertLocation(path, root, size, modifiedTicks, null, "ignored", null, now.ToUnixTimeMilliseconds(), origin));

    /// <summary>
    /// Marks an unchanged location as seen in this run (and present again, if it had gone missing), by whoever
    /// listed it: a folder walk (null) or an importer, which then judges whether it vanishes.
    /// </summary>
    public void Touch(long locationId, DateTimeOffset now, string? source = null) => Guard(() => Run(
        "UPDATE locations SET last_seen = $at, source = $source, status = CASE status WHEN 'missing' THEN 'ok' ELSE status END WHERE id = $id",
        c =>
        {
            c.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            c.Parameters.AddWithValue("$id", locationId);
            c.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        }));

    /// <summary>Stores what the file says, then what its sources say on top (see <see cref="SaveFacts"/>).</summary>
    public void SaveMetadata(long photoId, PhotoMetadata metadata) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var exif = new DatedPlace(
            metadata.TakenAt?.ToString("yyyy-MM-dd'T'HH:mm:ss"), FormatOffset(metadata.TakenOffset), metadata.Latitude, metadata.Longitude,
            metadata.Altitude, metadata.CameraMake, metadata.CameraModel, metadata.Lens);
        Run(
            "UPDATE photos SET width = $width, height = $height, orientation = $orientation, exif = $exif WHERE id = $id",
            c =>
            {
                c.Parameters.AddWithValue("$id", photoId);
                c.Parameters.AddWithValue("$width", (object?)metadata.Width ?? DBNull.Value);
                c.Parameters.AddWithValue("$height", (object?)metadata.Height ?? DBNull.Value);
                c.Parameters.AddWithValue("$orientation", (object?)metadata.Orientation ?? DBNull.Value);
                c.Parameters.AddWithValue("$exif", System.Text.Json.JsonSerializer.Serialize(exif, DatedPlace.Json));
            });
        ApplyFacts(photoId);
    });

    public void SetStage(long photoId, string stage, StageState state, string? reason, DateTimeOffset now) => Guard(() => Run(
        """
        INSERT INTO photo_stages (photo_id, stage, state, reason, updated_at) VALUES ($photo, $stage, $state, $reason, $at)
        ON CONFLICT (photo_id, stage) DO UPDATE SET state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at
        """,
        c =>
        {
            c.Parameters.AddWithValue("$photo", photoId);
            c.Parameters.AddWithValue("$stage", stage);
            c.Parameters.AddWithValue("$state", state.ToString().ToLowerInvariant());
            c.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
            c.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        }));

    public void SaveEmbedding(long photoId, ModelIdentity model, ReadOnlySpan<float> vector)
    {
        var blob = VectorCodec.Encode(vector);
        Guard(() => Run(
            """
            INSERT INTO embeddings (photo_id, model_id, vector, created_at) VALUES ($photo, $model, $vector, $at)
            ON CONFLICT (photo_id, model_id) DO UPDATE SET vector = excluded.vector, created_at = excluded.created_at
            """,
            c =>
            {
                c.Parameters.AddWithValue("$photo", photoId);
                c.Parameters.AddWithValue("$model", model.Key);
                c.Parameters.AddWithValue("$vector", blob);
                c.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }));
    }

    public void SavePerceptualHash(long photoId, ulong hash, byte[] grey, byte[] centre) => Guard(() => Run(
        """
        INSERT INTO photo_hashes (photo_id, phash, grey, centre) VALUES ($photo, $hash, $grey, $centre)
        ON CONFLICT (photo_id) DO UPDATE SET phash = excluded.phash, grey = excluded.grey, centre = excluded.centre
        """,
        c =>
        {
            c.Parameters.AddWithValue("$photo", photoId);
            c.Parameters.AddWithValue("$hash", unchecked((long)hash));
            c.Parameters.AddWithValue("$grey", grey);
            c.Parameters.AddWithValue("$centre", centre);
        }));

    public void Commit() => Guard(_transaction.Commit);

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _transaction.Dispose();
    }

    private long UpsertLocation(
        string path, string root, long size, long modifiedTicks, long? photoId, string status, string? reason, long ms, LocationOrigin? origin) => (long)Run(
        """
        INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status, reason, source, content)
        VALUES ($path, $root, $photo, $size, $mtime, $at, $at, $status, $reason, $source, $content)
        ON CONFLICT (path) DO UPDATE SET root = excluded.root, photo_id = excluded.photo_id, size = excluded.size,
            mtime = excluded.mtime, last_seen = excluded.last_seen, status = excluded.status, reason = excluded.reason,
            source = excluded.source, content = excluded.content
        RETURNING id
        """,
        c =>
        {
            c.Parameters.AddWithValue("$path", path);
            c.Parameters.AddWithValue("$root", Path.TrimEndingDirectorySeparator(root));
            c.Parameters.AddWithValue("$photo", (object?)photoId ?? DBNull.Value);
            c.Parameters.AddWithValue("$size", size);
            c.Parameters.AddWithValue("$mtime", modifiedTicks);
            c.Parameters.AddWithValue("$at", ms);
            c.Parameters.AddWithValue("$status", status);
            c.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
            c.Parameters.AddWithValue("$source", (object?)origin?.Source ?? DBNull.Value);
            c.Parameters.AddWithValue("$content", (object?)origin?.Content ?? DBNull.Value);
        },
        scalar: true)!;

    private static string? FormatOffset(TimeSpan? offset) => offset is { } o
        ? $"{(o < TimeSpan.Zero ? '-' : '+')}{Math.Abs(o.Hours):00}:{Math.Abs(o.Minutes):00}"
        : null;

    // Each statement is prepared once per batch and reused for every file in it.
    private object? Run(string sql, Action<SqliteCommand> bind, bool scalar = false)
    {
        var command = Prepare(sql);
        command.Parameters.Clear();
        bind(command);
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            _commands[sql] = command;
        }
        return command;
    }

    private T Guard<T>(Func<T> action) => CatalogErrors.Guard(_catalogPath, action);

    private void Guard(Action action) => CatalogErrors.Guard(_catalogPath, action);
}
