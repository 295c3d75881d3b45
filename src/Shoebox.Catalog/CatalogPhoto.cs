using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>A photo's row with the paths where it can be found now, the main one (first found) first.</summary>
public sealed record CatalogPhoto
{
    public required long Id { get; init; }
    public required ContentHash Hash { get; init; }
    public required ImageFormat Format { get; init; }
    public required long Size { get; init; }
    public required DateTimeOffset AddedAt { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>The camera's wall-clock time (or what a photo library corrected it to); <see cref="TakenOffset"/> is its UTC offset when known.</summary>
    public DateTime? TakenAt { get; init; }
    public TimeSpan? TakenOffset { get; init; }
    public string? CameraMake { get; init; }
    public string? CameraModel { get; init; }
    public string? Lens { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public double? Altitude { get; init; }

    /// <summary>Locations that exist, oldest first; when none does, the locations last known.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>None of the photo's locations exists (deleted, moved away, on a drive not there): it answers no search until one does again.</summary>
    public bool IsMissing { get; init; }
}

/// <summary>One place a photo is (or was) found; <see cref="Content"/> says where its bytes are when not in a file at the path.</summary>
public sealed record CatalogLocation(string Path, LocationStatus Status, DateTimeOffset LastSeen, ContentRef? Content = null)
{
    /// <summary>A file of its own on disk (not an archive entry, not a stand-in): the only kind that may be opened by path, moved or written beside.</summary>
    public bool IsFile => Content is null;

    /// <summary>The size in bytes when it was last read (of the entry, for an archive entry).</summary>
    public long Size { get; init; }

    /// <summary>The modification time when it was last read (UTC ticks): with <see cref="Size"/>, whether it is still what was indexed.</summary>
    public long ModifiedTicks { get; init; }

    /// <summary>
    /// A camera raw shown as the second file of the JPEG of the same shot: it belongs to the photo, but its bytes are
    /// not the photo's content, so nothing serves, reads or moves it as the photo.
    /// </summary>
    public bool IsPairedRaw { get; init; }

    /// <summary>The photo's content can be read here now: it exists and is not a paired raw.</summary>
    public bool HoldsContent => Status == LocationStatus.Ok && !IsPairedRaw;
}

public sealed record CatalogText(string Kind, string Source, string Content);

/// <summary>
/// A full-text hit: <see cref="Rank"/> orders hits (SQLite's bm25 or PostgreSQL's negated ts_rank, with a penalty per
/// word not found; lower is better); <see cref="Score"/> is the same order as a number people can read, between 0 and
/// 1 (higher is better).
/// </summary>
public sealed record TextMatch(long PhotoId, double Rank, double Score);

/// <summary>A word or "phrase" to look for in file names and attached texts; bare words also match as prefixes.</summary>
public readonly record struct TextTerm(string Text, bool IsPhrase);

public enum PhotoOrder
{
    Newest,
    Oldest,
    Random,
}
