using System.Data.Common;
using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// The folders and photo libraries a library is built from: what `shoebox index` with no path and `serve` scan again.
/// A folder inside a folder source is covered by it and never a source of its own; a folder added around folder
/// sources takes their place.
/// </summary>
public sealed class SourceStore
{
    public const string FolderKind = "folder";

    private const string Columns = "id, path, kind, added_at, paused, last_scan, last_error";

    private readonly CatalogSession _session;

    internal SourceStore(CatalogSession session) => _session = session;

    /// <summary>Every source, oldest first.</summary>
    public Task<List<CatalogSource>> ListAsync() => _session.ListAsync($"SELECT {Columns} FROM sources ORDER BY id", null, Read);

    public async Task<CatalogSource?> FindAsync(long id) =>
        (await _session.ListAsync($"SELECT {Columns} FROM sources WHERE id = @id", c => c.Bind("@id", id), Read)).FirstOrDefault();

    /// <summary>The source at exactly this path (full, as <see cref="Normalise"/> makes it), if any.</summary>
    public async Task<CatalogSource?> FindAsync(string path) =>
        (await _session.ListAsync($"SELECT {Columns} FROM sources WHERE path = @path", c => c.Bind("@path", Normalise(path)), Read)).FirstOrDefault();

    /// <summary>
    /// Adds <paramref name="path"/> as a source of <paramref name="kind"/> unless it is one already or lies inside a
    /// folder source; a folder takes the place of the folder sources inside it (their photos are its photos).
    /// </summary>
    public Task<SourceAddition> AddAsync(string path, string kind, DateTimeOffset now) => _session.AtomicAsync(async () =>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var full = Normalise(path);
        var all = await ListAsync();
        if (all.FirstOrDefault(s => s.Path == full) is { } same)
        {
            return new SourceAddition(same, SourceAdded.AlreadyThere, []);
        }
        var isFolder = kind == FolderKind;
        if (isFolder && all.FirstOrDefault(s => s.IsFolder && IsUnder(full, s.Path)) is { } cover)
        {
            return new SourceAddition(cover, SourceAdded.Covered, []);
        }
        var inside = isFolder ? all.Where(s => s.IsFolder && IsUnder(s.Path, full)).ToList() : [];
        foreach (var absorbed in inside)
        {
            await _session.ExecuteAsync("DELETE FROM sources WHERE id = @id", c => c.Bind("@id", absorbed.Id));
        }
        var id = Convert.ToInt64(await _session.ScalarAsync(
            "INSERT INTO sources (path, kind, added_at, paused) VALUES (@path, @kind, @at, 0) RETURNING id",
            c =>
            {
                c.Bind("@path", full);
                c.Bind("@kind", kind);
                c.Bind("@at", now.ToUnixTimeMilliseconds());
            }));
        return new SourceAddition(new CatalogSource(id, full, kind, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), false, null, null), SourceAdded.Added, inside);
    });

    public Task SetPausedAsync(long id, bool paused) => _session.ExecuteAsync(
        "UPDATE sources SET paused = @paused WHERE id = @id",
        c =>
        {
            c.Bind("@paused", paused);
            c.Bind("@id", id);
        });

    /// <summary>Notes that a scan of the source ended, and why it could not be read (null when it could).</summary>
    public Task RecordScanAsync(long id, DateTimeOffset at, string? error) => _session.ExecuteAsync(
        "UPDATE sources SET last_scan = @at, last_error = @error WHERE id = @id",
        c =>
        {
            c.Bind("@at", at.ToUnixTimeMilliseconds());
            c.Bind("@error", error);
            c.Bind("@id", id);
        });

    /// <summary>Photos the source holds (at a location that exists), and those of them still waiting for work (captions aside).</summary>
    public async Task<SourceCounts> CountAsync(CatalogSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var rows = await _session.ListAsync(
            $"""
            SELECT count(DISTINCT l.photo_id),
                   count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = l.photo_id AND s.state = 'pending'
                                                    AND substr(s.stage, 1, {Stages.CaptionPrefix.Length}) <> @captions) THEN l.photo_id END)
            FROM locations l
            WHERE l.status = 'ok' AND l.photo_id IS NOT NULL AND {Scope("l", source)}
            """,
            c =>
            {
                c.Bind("@captions", Stages.CaptionPrefix);
                BindScope(c, source);
            },
            r => new SourceCounts(Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1))));
        return rows[0];
    }

    /// <summary>
    /// Takes the source off the list. With <paramref name="forgetPhotos"/>, also forgets where its photos are (every
    /// location it holds) and the photos no other location holds, with everything derived from them; their hashes are
    /// returned so their thumbnails can go too. Without, its photos stay searchable where they are, no longer scanned.
    /// </summary>
    public Task<IReadOnlyList<ContentHash>> RemoveAsync(CatalogSource source, bool forgetPhotos) => _session.AtomicAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(source);
        await _session.ExecuteAsync("DELETE FROM sources WHERE id = @id", c => c.Bind("@id", source.Id));
        if (!forgetPhotos)
        {
            return (IReadOnlyList<ContentHash>)[];
        }
        var photos = await _session.ListAsync(
            $"SELECT DISTINCT l.photo_id FROM locations l WHERE l.photo_id IS NOT NULL AND {Scope("l", source)}",
            c => BindScope(c, source),
            r => r.GetInt64(0));
        await _session.ExecuteAsync($"DELETE FROM locations WHERE {Scope("locations", source)}", c => BindScope(c, source));
        var orphans = new List<ContentHash>();
        foreach (var chunk in photos.Chunk(1000))
        {
            orphans.AddRange(await _session.ListAsync(
                $"DELETE FROM photos WHERE {_session.Dialect.InList("id", "@ids")} AND NOT EXISTS (SELECT 1 FROM locations WHERE photo_id = photos.id) RETURNING hash",
                c => c.Bind("@ids", _session.Dialect.ListValue(chunk)),
                r => new ContentHash((byte[])r[0])));
        }
        return (IReadOnlyList<ContentHash>)orphans;
    });

    /// <summary>A path as sources keep it: full, without a trailing separator.</summary>
    public static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>Whether <paramref name="path"/> lies inside <paramref name="folder"/> (not the folder itself).</summary>
    public static bool IsUnder(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        return path.Length > trimmed.Length + 1 && path.StartsWith(trimmed, StringComparison.Ordinal) && path[trimmed.Length] == Path.DirectorySeparatorChar;
    }

    // A folder's locations are the walked paths under it (importers' locations are theirs); a library's are those its
    // importer owns. Paths under a folder sort between "folder/" and "folder0", so the path index answers.
    private static string Scope(string table, CatalogSource source) => source.ImporterId is null
        ? $"({table}.source IS NULL AND ({table}.path = @root OR ({table}.path >= @from AND {table}.path < @to)))"
        : $"{table}.source = @importer";

    private static void BindScope(DbCommand command, CatalogSource source)
    {
        if (source.ImporterId is { } importer)
        {
            command.Bind("@importer", importer);
            return;
        }
        command.Bind("@root", source.Path);
        command.Bind("@from", source.Path + Path.DirectorySeparatorChar);
        command.Bind("@to", source.Path + (char)(Path.DirectorySeparatorChar + 1));
    }

    private static CatalogSource Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
        Convert.ToInt64(r.GetValue(4)) != 0,
        r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        r.IsDBNull(6) ? null : r.GetString(6));
}

/// <summary>A folder or photo library the library is built from.</summary>
public sealed record CatalogSource(long Id, string Path, string Kind, DateTimeOffset AddedAt, bool Paused, DateTimeOffset? LastScan, string? LastError)
{
    public bool IsFolder => Kind == SourceStore.FolderKind;

    /// <summary>
    /// The id an importer's locations are kept under ("lightroom:/photos/Main.lrcat", as PhotoLibraries makes it);
    /// null for a folder, whose locations are the paths under it.
    /// </summary>
    public string? ImporterId => IsFolder ? null : $"{Kind}:{Path}";
}

public sealed record SourceCounts(int Photos, int Pending);

public enum SourceAdded
{
    Added,
    AlreadyThere,
    Covered,
}

/// <summary>What adding a path did: <see cref="Source"/> is the new source, the one already at the path, or the folder source that covers it.</summary>
public sealed record SourceAddition(CatalogSource Source, SourceAdded Outcome, IReadOnlyList<CatalogSource> Absorbed);
