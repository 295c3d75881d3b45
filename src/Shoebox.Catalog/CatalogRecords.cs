using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>What the catalog remembers of a path, enough to skip an unchanged file without reading it.</summary>
public sealed record KnownLocation(long Id, long Size, long ModifiedTicks, LocationStatus Status, long? PhotoId, string? Reason)
{
    /// <summary>Where the bytes were read from last time; null for the file at the path.</summary>
    public ContentRef? Content { get; init; }
}

/// <summary>A photo with work still to do, and the file to read it from.</summary>
public sealed record PendingPhoto(
    long PhotoId, ContentHash Hash, string Path, long Size, long ModifiedTicks, IReadOnlyList<string> Stages)
{
    /// <summary>Where to read the bytes when not at <see cref="Path"/> (an archive entry, a stand-in).</summary>
    public ContentRef? Content { get; init; }
}

/// <summary>The result of linking a path to content: which photo, and whether the content was seen for the first time.</summary>
public sealed record LinkResult(long PhotoId, bool PhotoIsNew, long LocationId);

/// <summary>Which importer owns a location (null: a folder walk) and where its bytes are when not at its path.</summary>
public sealed record LocationOrigin(string? Source, ContentRef? Content);

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

public sealed record PruneResult(int Locations, IReadOnlyList<ContentHash> Photos);

/// <summary>A photo waiting for a stage done from its thumbnail alone (a caption), with a path to name it by.</summary>
public sealed record ThumbnailWork(long PhotoId, ContentHash Hash, string? Path);

/// <summary>One photo near a query vector: the cosine of the two (their dot product, both being unit length).</summary>
public readonly record struct VectorMatch(long PhotoId, float Score);

/// <summary>The keywords and caption the catalog holds for the photo at one file, to be written to its sidecars.</summary>
public sealed record LocationTexts(string Path, IReadOnlyList<string> Keywords, string? Caption);

/// <summary>A tag from a rule or a model, with how sure it was (0..1).</summary>
public readonly record struct ScoredTag(string Name, double Score);

/// <summary>A tag on a photo: who gave it ('user' or a tagger) and, for a tagger's, how sure it was.</summary>
public sealed record PhotoTag(string Name, string Source, double? Score)
{
    public bool ByUser => Source == Stores.TagStore.UserSource;
}

/// <summary>A tag and how many photos carry it, by the user's hand and automatically.</summary>
public sealed record TagCount(string Name, int ByUser, int Automatic);

/// <summary>One line of text read in a photo: its corners (clockwise from top-left, in the photo's upright pixels) and confidence 0..1.</summary>
public sealed record RecognizedLine(string Text, double Confidence, IReadOnlyList<(double X, double Y)> Corners);

/// <summary>A photo's perceptual hash (64-bit DCT hash) and grey prints of the whole and its middle, which duplicate finding compares.</summary>
public sealed record PerceptualPrint(ulong Hash, byte[] Grey, byte[] Centre);

/// <summary>
/// A model whose vectors a library keeps: <see cref="Key"/> is its identity (id@version), <see cref="Source"/> how
/// it was found (a registry id or a folder; null in catalogs from before it was kept), <see cref="Vectors"/> how many
/// photos that exist have its vectors.
/// </summary>
public sealed record StoredModel(string Key, string? Source, int Vectors);

/// <summary>A file holding a photo: its path and modification time (.NET ticks, UTC).</summary>
public sealed record CopyFile(string Path, long ModifiedTicks);

/// <summary>
/// The user's word on duplicates: photos to keep (<see cref="Keepers"/>), and pairs that are not duplicates of each
/// other (<see cref="Apart"/>, smaller id first).
/// </summary>
public sealed record DuplicateDecisions(IReadOnlySet<long> Keepers, IReadOnlySet<(long A, long B)> Apart)
{
    public bool AreApart(long a, long b) => Apart.Contains((Math.Min(a, b), Math.Max(a, b)));
}

/// <summary>An existing file's location as pairing a raw with its JPEG sees it: where, which photo, whether paired.</summary>
public sealed record PairableLocation(string Path, string Root, long Size, long ModifiedTicks, long PhotoId, bool Paired);
