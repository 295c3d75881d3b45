using System.Data.Common;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// A short write transaction. The indexer groups a few hundred file results into one batch so a crash loses at
/// most one batch, and the catalog never holds half of a file's result.
/// </summary>
public sealed partial class CatalogBatch : IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _catalogAddress;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    internal CatalogBatch(SqlDialect dialect, DbConnection connection, string catalogAddress)
    {
        _dialect = dialect;
        _connection = connection;
        _catalogAddress = catalogAddress;
        _transaction = connection.BeginTransaction();
    }

    /// <summary>Points <paramref name="path"/> at the photo with this content, adding the photo (and its pending stages) when new.</summary>
    public LinkResult LinkFile(
        string path, string root, long size, long modifiedTicks, ContentHash hash, ImageFormat format, DateTimeOffset now, LocationOrigin? origin = null) =>
        Guard(() =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            var existing = Run("SELECT id FROM photos WHERE hash = @hash", c => c.Bind("@hash", hash.ToArray()), scalar: true);
            var isNew = existing is null;
            var photoId = existing is long id ? id : (long)Run(
                "INSERT INTO photos (hash, size, format, added_at) VALUES (@hash, @size, @format, @at) RETURNING id",
                c =>
                {
                    c.Bind("@hash", hash.ToArray());
                    c.Bind("@size", size);
                    c.Bind("@format", format.ToString().ToLowerInvariant());
                    c.Bind("@at", ms);
                },
                scalar: true)!;
            if (isNew)
            {
                foreach (var stage in Stages.Initial)
                {
                    SetStage(photoId, stage, StageState.Pending, null, now);
                }
            }
            var before = Run("SELECT photo_id FROM locations WHERE path = @path", c => c.Bind("@path", path), scalar: true);
            var locationId = UpsertLocation(path, root, size, modifiedTicks, photoId, "ok", null, ms, origin);
            // Texts a source said about this location follow it to its new content.
            Run("UPDATE texts SET photo_id = @photo WHERE location_id = @location AND photo_id <> @photo", c =>
            {
                c.Bind("@photo", photoId);
                c.Bind("@location", locationId);
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
        "UPDATE locations SET last_seen = @at, source = @source, status = CASE status WHEN 'missing' THEN 'ok' ELSE status END WHERE id = @id",
        c =>
        {
            c.Bind("@at", now.ToUnixTimeMilliseconds());
            c.Bind("@id", locationId);
            c.Bind("@source", (object?)source ?? DBNull.Value);
        }));

    /// <summary>Stores what the file says, then what its sources say on top (see <see cref="SaveFacts"/>).</summary>
    public void SaveMetadata(long photoId, PhotoMetadata metadata) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var exif = new DatedPlace(
            metadata.TakenAt?.ToString("yyyy-MM-dd'T'HH:mm:ss"), FormatOffset(metadata.TakenOffset), metadata.Latitude, metadata.Longitude,
            metadata.Altitude, metadata.CameraMake, metadata.CameraModel, metadata.Lens);
        Run(
            "UPDATE photos SET width = @width, height = @height, orientation = @orientation, exif = @exif WHERE id = @id",
            c =>
            {
                c.Bind("@id", photoId);
                c.Bind("@width", (object?)metadata.Width ?? DBNull.Value);
                c.Bind("@height", (object?)metadata.Height ?? DBNull.Value);
                c.Bind("@orientation", (object?)metadata.Orientation ?? DBNull.Value);
                c.Bind("@exif", System.Text.Json.JsonSerializer.Serialize(exif, DatedPlace.Json));
            });
        ApplyFacts(photoId);
    });

    public void SetStage(long photoId, string stage, StageState state, string? reason, DateTimeOffset now) => Guard(() => Run(
        """
        INSERT INTO photo_stages (photo_id, stage, state, reason, updated_at) VALUES (@photo, @stage, @state, @reason, @at)
        ON CONFLICT (photo_id, stage) DO UPDATE SET state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at
        """,
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@stage", stage);
            c.Bind("@state", state.ToString().ToLowerInvariant());
            c.Bind("@reason", (object?)reason ?? DBNull.Value);
            c.Bind("@at", now.ToUnixTimeMilliseconds());
        }));

    public void SaveEmbedding(long photoId, ModelIdentity model, ReadOnlySpan<float> vector)
    {
        var value = _dialect.VectorValue(vector);
        Guard(() => Run(
            """
            INSERT INTO embeddings (photo_id, model_id, vector, created_at) VALUES (@photo, @model, @vector, @at)
            ON CONFLICT (photo_id, model_id) DO UPDATE SET vector = excluded.vector, created_at = excluded.created_at
            """,
            c =>
            {
                c.Bind("@photo", photoId);
                c.Bind("@model", model.Key);
                c.Bind("@vector", value);
                c.Bind("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }));
    }

    public void SavePerceptualHash(long photoId, ulong hash, byte[] grey, byte[] centre) => Guard(() => Run(
        """
        INSERT INTO photo_hashes (photo_id, phash, grey, centre) VALUES (@photo, @hash, @grey, @centre)
        ON CONFLICT (photo_id) DO UPDATE SET phash = excluded.phash, grey = excluded.grey, centre = excluded.centre
        """,
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@hash", unchecked((long)hash));
            c.Bind("@grey", grey);
            c.Bind("@centre", centre);
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
        VALUES (@path, @root, @photo, @size, @mtime, @at, @at, @status, @reason, @source, @content)
        ON CONFLICT (path) DO UPDATE SET root = excluded.root, photo_id = excluded.photo_id, size = excluded.size,
            mtime = excluded.mtime, last_seen = excluded.last_seen, status = excluded.status, reason = excluded.reason,
            source = excluded.source, content = excluded.content
        RETURNING id
        """,
        c =>
        {
            c.Bind("@path", path);
            c.Bind("@root", Path.TrimEndingDirectorySeparator(root));
            c.Bind("@photo", (object?)photoId ?? DBNull.Value);
            c.Bind("@size", size);
            c.Bind("@mtime", modifiedTicks);
            c.Bind("@at", ms);
            c.Bind("@status", status);
            c.Bind("@reason", (object?)reason ?? DBNull.Value);
            c.Bind("@source", (object?)origin?.Source ?? DBNull.Value);
            c.Bind("@content", (object?)origin?.Content ?? DBNull.Value);
        },
        scalar: true)!;

    private static string? FormatOffset(TimeSpan? offset) => offset is { } o
        ? $"{(o < TimeSpan.Zero ? '-' : '+')}{Math.Abs(o.Hours):00}:{Math.Abs(o.Minutes):00}"
        : null;

    // Each statement is prepared once per batch and reused for every file in it.
    private object? Run(string sql, Action<DbCommand> bind, bool scalar = false)
    {
        var command = Prepare(sql);
        command.Parameters.Clear();
        bind(command);
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }

    private DbCommand Prepare(string sql)
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

    private T Guard<T>(Func<T> action) => _dialect.Guard(_catalogAddress, action);

    private void Guard(Action action) => _dialect.Guard(_catalogAddress, action);
}
