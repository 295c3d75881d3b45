namespace Shoebox.Catalog;

/// <summary>A photo's row with the paths where it can be found now, the main one (first found) first.</summary>
public sealed record CatalogPhoto
{
    public required long Id { get; init; }
    public required string Hash { get; init; }
    public required string Format { get; init; }
    public required long Size { get; init; }
    public required long AddedAtMilliseconds { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? TakenAt { get; init; }
    public string? TakenOffset { get; init; }
    public string? CameraMake { get; init; }
    public string? CameraModel { get; init; }
    public string? Lens { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public double? Altitude { get; init; }

    /// <summary>Locations that exist, oldest first; when none does, the locations last known.</summary>
    public required IReadOnlyList<string> Paths { get; init; }
}

/// <param name="Content">Where the bytes are when not at the path (JSON ContentRef: an archive entry, a stand-in preview).</param>
public sealed record CatalogLocation(string Path, string Status, long LastSeenMilliseconds, string? Content = null);

public sealed record CatalogText(string Kind, string Source, string Content);

/// <summary>A full-text hit: <see cref="Rank"/> is SQLite's bm25, lower is better.</summary>
public sealed record TextMatch(long PhotoId, double Rank);

/// <summary>A word or "phrase" to look for in file names and attached texts; bare words also match as prefixes.</summary>
public readonly record struct TextTerm(string Text, bool IsPhrase);

public enum PhotoOrder
{
    Newest,
    Oldest,
    Random,
}
