using Shoebox.Core;

namespace Shoebox.Catalog;

public enum LocationStatus
{
    Ok,
    Missing,
    Failed,
    Ignored,
}

/// <summary>What the catalog remembers of a path, enough to skip an unchanged file without reading it.</summary>
public sealed record KnownLocation(long Id, long Size, long ModifiedTicks, LocationStatus Status, long? PhotoId, string? Reason)
{
    /// <summary>Where the bytes were read from last time (JSON ContentRef), null for the file at the path.</summary>
    public string? Content { get; init; }
}

/// <summary>A photo with work still to do, and the file to read it from.</summary>
public sealed record PendingPhoto(
    long PhotoId, ContentHash Hash, string Path, long Size, long ModifiedTicks, IReadOnlyList<string> Stages)
{
    /// <summary>Where to read the bytes when not at <see cref="Path"/> (JSON ContentRef: an archive entry, a stand-in).</summary>
    public string? Content { get; init; }
}

/// <summary>The result of linking a path to content: which photo, and whether the content was seen for the first time.</summary>
public sealed record LinkResult(long PhotoId, bool PhotoIsNew, long LocationId);

/// <summary>Which importer owns a location (null: a folder walk) and where its bytes are when not at its path (JSON, see ContentRef).</summary>
public sealed record LocationOrigin(string? Source, string? Content);

/// <summary>Locations not seen by a completed walk: gone for good (missing) or found elsewhere (moved).</summary>
public sealed record VanishedLocations(int Missing, IReadOnlySet<long> MovedPhotos);

public sealed record StageCounts(int Pending, int Done, int Failed);

public sealed record CatalogStatus(
    int Photos,
    int Locations,
    int Missing,
    int Failed,
    IReadOnlyDictionary<string, StageCounts> Stages,
    IReadOnlyList<CatalogFailure> Failures,
    DateTimeOffset? LastRunStarted,
    DateTimeOffset? LastRunFinished);

public sealed record CatalogFailure(string Path, string Reason, string? Stage);
