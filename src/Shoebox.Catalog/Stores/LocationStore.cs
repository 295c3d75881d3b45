using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// Where photos are: many locations (paths) to one photo (content). A location may hold no photo (not an image,
/// failed), or one that is gone (missing, kept until pruned).
/// </summary>
public sealed class LocationStore
{
    private readonly CatalogSession _session;
    private readonly StageStore _stages;
    private readonly FactStore _facts;

    internal LocationStore(CatalogSession session, StageStore stages, FactStore facts)
    {
        _session = session;
        _stages = stages;
        _facts = facts;
    }

    /// <summary>Every location the catalog knows, by path: what a rerun compares the walk against.</summary>
    public async Task<Dictionary<string, KnownLocation>> LoadAllAsync()
    {
        var known = new Dictionary<string, KnownLocation>(StringComparer.Ordinal);
        await foreach (var (path, location) in _session.StreamAsync(
            "SELECT path, id, size, mtime, status, photo_id, reason, content FROM locations",
            null,
            r => (r.GetString(0), new KnownLocation(
                r.GetInt64(1),
                r.GetInt64(2),
                r.GetInt64(3),
                CatalogValues.ParseStatus(r.GetString(4)),
                r.IsDBNull(5) ? null : r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetString(6))
            {
                Content = CatalogValues.ParseContent(r.IsDBNull(7) ? null : r.GetString(7)),
            })))
        {
            known[path] = location;
        }
        return known;
    }

    /// <summary>Points <paramref name="path"/> at the photo with this content, adding the photo (and its pending stages) when new.</summary>
    public Task<LinkResult> LinkAsync(
        string path, string root, long size, long modifiedTicks, ContentHash hash, ImageFormat format, DateTimeOffset now, LocationOrigin? origin = null) =>
        _session.AtomicAsync(async () =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            var existing = await _session.ScalarAsync("SELECT id FROM photos WHERE hash = @hash", c => c.Bind("@hash", hash.ToArray()));
            var isNew = existing is null;
            var photoId = existing is long id ? id : Convert.ToInt64(await _session.ScalarAsync(
                "INSERT INTO photos (hash, size, format, added_at) VALUES (@hash, @size, @format, @at) RETURNING id",
                c =>
                {
                    c.Bind("@hash", hash.ToArray());
                    c.Bind("@size", size);
                    c.Bind("@format", CatalogValues.Format(format));
                    c.Bind("@at", ms);
                }));
            if (isNew)
            {
                foreach (var stage in Stages.Initial)
                {
                    await _stages.SetAsync(photoId, stage, StageState.Pending, null, now);
                }
            }
            var locationId = await PointAsync(path, root, size, modifiedTicks, photoId, paired: false, ms, origin);
            return new LinkResult(photoId, isNew, locationId);
        });

    /// <summary>
    /// Points the camera raw at <paramref name="path"/> at <paramref name="photoId"/>, the JPEG (or HEIC) of the same
    /// shot, as its paired file: listed with the photo, never read for its content. Returns the location's id.
    /// </summary>
    public Task<long> PairAsync(string path, string root, long size, long modifiedTicks, long photoId, DateTimeOffset now, LocationOrigin? origin = null) =>
        _session.AtomicAsync(() => PointAsync(path, root, size, modifiedTicks, photoId, paired: true, now.ToUnixTimeMilliseconds(), origin));

    /// <summary>
    /// The existing, unread locations at these paths (as catalogued), whether paired or not: what pairing a raw with
    /// the JPEG beside it looks at.
    /// </summary>
    public async Task<Dictionary<string, PairableLocation>> FindPairableAsync(IReadOnlyCollection<string> paths)
    {
        var rows = await _session.ListAsync(
            $"""
            SELECT {PairableColumns("locations")} FROM locations
            WHERE status = 'ok' AND photo_id IS NOT NULL AND source IS NULL AND content IS NULL AND {_session.Dialect.InList("path", "@paths")}
            """,
            c => c.Bind("@paths", _session.Dialect.ListValue(paths)),
            ReadPairable);
        return rows.ToDictionary(row => row.Path, StringComparer.Ordinal);
    }

    /// <summary>
    /// Paired raws whose photo has no file of its own left (its JPEG was deleted, or edited into another photo),
    /// or every paired raw when <paramref name="all"/>: those to catalogue as photos of their own again.
    /// </summary>
    public Task<List<PairableLocation>> ListPairsToSplitAsync(bool all) => _session.ListAsync(
        $"""
        SELECT {PairableColumns("l")} FROM locations l
        WHERE l.paired = 1 AND l.status = 'ok'{(all ? "" : " AND NOT EXISTS (SELECT 1 FROM locations o WHERE o.photo_id = l.photo_id AND o.status = 'ok' AND o.paired = 0)")}
        ORDER BY l.path
        """,
        null,
        ReadPairable);

    private static string PairableColumns(string table) =>
        $"{table}.path, {table}.root, {table}.size, {table}.mtime, {table}.photo_id, {table}.paired";

    private static PairableLocation ReadPairable(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5) != 0);

    // Upserts the location, then moves to its new photo what hangs off the location rather than the content.
    private async Task<long> PointAsync(
        string path, string root, long size, long modifiedTicks, long photoId, bool paired, long ms, LocationOrigin? origin)
    {
        var before = await _session.ScalarAsync("SELECT photo_id FROM locations WHERE path = @path", c => c.Bind("@path", path));
        var locationId = await UpsertAsync(path, root, size, modifiedTicks, photoId, LocationStatus.Ok, null, ms, origin, paired);
        // Texts a source said about this location follow it to its new content.
        await _session.ExecuteAsync("UPDATE texts SET photo_id = @photo WHERE location_id = @location AND photo_id <> @photo", c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@location", locationId);
        });
        if (before is long previous && previous != photoId)
        {
            await _facts.ApplyAsync(previous); // what this location's sources said no longer applies to the content it held
        }
        if (paired)
        {
            await _facts.ApplyAsync(photoId); // a sidecar beside the raw now speaks for the JPEG's photo
        }
        return locationId;
    }

    /// <summary>Remembers a file that claims to be an image but cannot be catalogued, with the reason.</summary>
    public Task RecordFailureAsync(string path, string root, long size, long modifiedTicks, string reason, DateTimeOffset now, LocationOrigin? origin = null) =>
        UpsertAsync(path, root, size, modifiedTicks, null, LocationStatus.Failed, reason, now.ToUnixTimeMilliseconds(), origin);

    /// <summary>Remembers a file that is not an image, so the next run skips it without opening it.</summary>
    public Task RecordIgnoredAsync(string path, string root, long size, long modifiedTicks, DateTimeOffset now, LocationOrigin? origin = null) =>
        UpsertAsync(path, root, size, modifiedTicks, null, LocationStatus.Ignored, null, now.ToUnixTimeMilliseconds(), origin);

    /// <summary>
    /// Marks an unchanged location as seen in this run (and present again, if it had gone missing), by whoever
    /// listed it: a folder walk (null) or an importer, which then judges whether it vanishes.
    /// </summary>
    public Task TouchAsync(long locationId, DateTimeOffset now, string? source = null) => _session.ExecuteAsync(
        "UPDATE locations SET last_seen = @at, source = @source, status = CASE status WHEN 'missing' THEN 'ok' ELSE status END WHERE id = @id",
        c =>
        {
            c.Bind("@at", now.ToUnixTimeMilliseconds());
            c.Bind("@id", locationId);
            c.Bind("@source", source);
        });

    /// <summary>
    /// After a complete walk of <paramref name="roots"/>: locations under them not seen since <paramref name="walkStarted"/>
    /// are missing, unless their photo turned up at a new path in this run (a move: the old location is dropped).
    /// Folders that could not be listed keep their locations as they were.
    /// </summary>
    public async Task<VanishedLocations> RecordVanishedAsync(
        IReadOnlyList<string> roots, DateTimeOffset walkStarted, IReadOnlyCollection<string> unlistedFolders)
    {
        var started = walkStarted.ToUnixTimeMilliseconds();
        var vanished = new List<Vanished>();
        var seen = new HashSet<long>(); // roots may overlap (a folder and its sub-folder): each location once
        foreach (var root in roots)
        {
            // Locations an importer owns (an archive's entries, a catalog's originals) are its to judge, not the walk's.
            var under = await _session.ListAsync(
                """
                SELECT id, path, photo_id, status, paired FROM locations
                WHERE last_seen < @started AND status <> 'missing' AND source IS NULL AND (path = @root OR (path >= @from AND path < @to))
                """,
                c =>
                {
                    c.Bind("@started", started);
                    BindPrefixRange(c, root);
                },
                ReadVanished);
            vanished.AddRange(under.Where(v => !unlistedFolders.Any(folder => IsUnder(v.Path, folder)) && seen.Add(v.Id)));
        }
        return await ForgetAsync(vanished, started);
    }

    /// <summary>
    /// After a complete listing of an importer's source: its locations not listed this time are gone from the
    /// library (removed from the catalog, the album, the export) and are handled as vanished files.
    /// </summary>
    public async Task<VanishedLocations> RecordVanishedFromSourceAsync(string sourceId, DateTimeOffset listingStarted)
    {
        var started = listingStarted.ToUnixTimeMilliseconds();
        var vanished = await _session.ListAsync(
            "SELECT id, path, photo_id, status, paired FROM locations WHERE source = @source AND last_seen < @started AND status <> 'missing'",
            c =>
            {
                c.Bind("@source", sourceId);
                c.Bind("@started", started);
            },
            ReadVanished);
        return await ForgetAsync(vanished, started);
    }

    /// <summary>Where the photo is and was, the locations that exist first (oldest first).</summary>
    public Task<List<CatalogLocation>> OfPhotoAsync(long photoId) => _session.ListAsync(
        "SELECT path, status, last_seen, content, size, mtime, paired FROM locations WHERE photo_id = @id ORDER BY status <> 'ok', paired, first_seen, id",
        c => c.Bind("@id", photoId),
        r => new CatalogLocation(
            r.GetString(0),
            CatalogValues.ParseStatus(r.GetString(1)),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
            CatalogValues.ParseContent(r.IsDBNull(3) ? null : r.GetString(3)))
        {
            Size = r.GetInt64(4),
            ModifiedTicks = r.GetInt64(5),
            IsPairedRaw = r.GetInt64(6) != 0,
        });

    /// <summary>The ids of the photos at these paths (exactly as catalogued); paths holding no photo are left out.</summary>
    public async Task<Dictionary<string, long>> FindPhotosAtAsync(IReadOnlyCollection<string> paths)
    {
        var rows = await _session.ListAsync(
            $"SELECT path, photo_id FROM locations WHERE photo_id IS NOT NULL AND {_session.Dialect.InList("path", "@paths")}",
            c => c.Bind("@paths", _session.Dialect.ListValue(paths)),
            r => (Path: r.GetString(0), Photo: r.GetInt64(1)));
        return rows.ToDictionary(row => row.Path, row => row.Photo, StringComparer.Ordinal);
    }

    private sealed record Vanished(long Id, string Path, long? PhotoId, string Status, bool Paired);

    private static Vanished ReadVanished(System.Data.Common.DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), r.GetInt64(4) != 0);

    private Task<VanishedLocations> ForgetAsync(List<Vanished> vanished, long started) => _session.AtomicAsync(async () =>
    {
        var missing = 0;
        var movedPhotos = new HashSet<long>();
        foreach (var (id, _, photoId, status, paired) in vanished)
        {
            var wasMoved = !paired && photoId is { } photo && Convert.ToInt64(await _session.ScalarAsync(
                "SELECT EXISTS (SELECT 1 FROM locations WHERE photo_id = @photo AND status = 'ok' AND paired = 0 AND first_seen >= @started)",
                c =>
                {
                    c.Bind("@photo", photo);
                    c.Bind("@started", started);
                })) == 1;
            // Moved files, files with nothing derived (not images, failed) and paired raws (their photo is the JPEG's)
            // leave no trace; photos that vanished stay until pruned.
            var forget = wasMoved || paired || status is "ignored" or "failed";
            await _session.ExecuteAsync(
                forget ? "DELETE FROM locations WHERE id = @id" : "UPDATE locations SET status = 'missing', reason = 'file no longer found' WHERE id = @id",
                c => c.Bind("@id", id));
            if (wasMoved)
            {
                movedPhotos.Add(photoId!.Value);
            }
            missing += forget ? 0 : 1;
        }
        return new VanishedLocations(missing, movedPhotos);
    });

    private async Task<long> UpsertAsync(
        string path, string root, long size, long modifiedTicks, long? photoId, LocationStatus status, string? reason, long ms, LocationOrigin? origin,
        bool paired = false) =>
        Convert.ToInt64(await _session.ScalarAsync(
            """
            INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status, reason, source, content, paired)
            VALUES (@path, @root, @photo, @size, @mtime, @at, @at, @status, @reason, @source, @content, @paired)
            ON CONFLICT (path) DO UPDATE SET root = excluded.root, photo_id = excluded.photo_id, size = excluded.size,
                mtime = excluded.mtime, last_seen = excluded.last_seen, status = excluded.status, reason = excluded.reason,
                source = excluded.source, content = excluded.content, paired = excluded.paired
            RETURNING id
            """,
            c =>
            {
                c.Bind("@path", path);
                c.Bind("@root", Path.TrimEndingDirectorySeparator(root));
                c.Bind("@photo", photoId);
                c.Bind("@size", size);
                c.Bind("@mtime", modifiedTicks);
                c.Bind("@at", ms);
                c.Bind("@status", CatalogValues.Status(status));
                c.Bind("@reason", reason);
                c.Bind("@source", origin?.Source);
                c.Bind("@content", CatalogValues.Content(origin?.Content));
                c.Bind("@paired", paired ? 1 : 0);
            }));

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder, StringComparison.Ordinal) && path.Length > folder.Length && path[folder.Length] == Path.DirectorySeparatorChar;

    // Paths under a folder sort between "folder/" and "folder0" (the character after the separator: '0' after '/',
    // ']' after '\'), so the path index answers.
    private static void BindPrefixRange(System.Data.Common.DbCommand command, string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        command.Bind("@root", trimmed);
        command.Bind("@from", trimmed + Path.DirectorySeparatorChar);
        command.Bind("@to", trimmed + (char)(Path.DirectorySeparatorChar + 1));
    }
}
