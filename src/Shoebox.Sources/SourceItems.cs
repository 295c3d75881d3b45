using Shoebox.Core;

namespace Shoebox.Sources;

/// <summary>
/// An image a source found. <see cref="Path"/> is where the user knows it (shown in results, searched by name,
/// the location's identity in the catalog); the bytes are read from there unless <see cref="Content"/> says
/// otherwise. Size and modification time as listed, so an unchanged image is not read again.
/// </summary>
public sealed record FoundFile(string Path, string Root, long Size, long ModifiedTicks)
{
    /// <summary>
    /// The source that owns this location ("takeout:/exports/takeout-001.zip", "lightroom:/photos/Main.lrcat"), or
    /// null for a plain folder walk. A location its source stops listing is marked missing after a complete run.
    /// </summary>
    public string? SourceId { get; init; }

    /// <summary>Where the bytes are when not in a file of their own at <see cref="Path"/>.</summary>
    public ContentRef? Content { get; init; }

    /// <summary>What the source says about the image beyond its bytes; null when it says nothing.</summary>
    public SourceFacts? Facts { get; init; }

    /// <summary>
    /// Hash and format when the source had to read the bytes anyway (an entry in a .tgz, read in order), so the
    /// indexer does not read them a second time.
    /// </summary>
    public (ContentHash Hash, ImageFormat Format)? Identified { get; init; }
}

/// <summary>
/// Something under a root that could not be looked at: an unreadable folder, a broken link, a bad sidecar.
/// <see cref="IsFolder"/> means a whole part of the listing is unknown (a folder, a damaged archive): what was
/// catalogued from it before is kept, not marked missing.
/// </summary>
public sealed record WalkProblem(string Path, string Reason, bool IsFolder);
