namespace Shoebox.Search.Engine;

/// <summary>What a result says about its photo: enough for a grid cell, a caption and the --json output.</summary>
public sealed record SearchResult
{
    public required long Id { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex: names the thumbnails.</summary>
    public required string Hash { get; init; }

    /// <summary>The main location: the first one found that still exists, else the first one ever found.</summary>
    public required string Path { get; init; }

    /// <summary>Every location of this content that still exists, the main one first.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Higher is better; see <see cref="SearchPage.ScoreKind"/> for the scale.</summary>
    public required double Score { get; init; }

    /// <summary>Which sources found it: "vector", "text" (file name, keywords, captions, OCR) or both.</summary>
    public required IReadOnlyList<string> MatchedBy { get; init; }

    public required string Format { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>Camera wall-clock time, yyyy-MM-ddTHH:mm:ss.</summary>
    public string? TakenAt { get; init; }

    /// <summary>+hh:mm when the camera recorded its UTC offset.</summary>
    public string? TakenOffset { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>Where it was taken, in names ("Lisbon, Portugal"): a photo library's, else from its coordinates; null when unknown.</summary>
    public string? Place { get; init; }
}

/// <summary>One page of results, best first (or in the order the query's sort: asked for).</summary>
public sealed record SearchPage
{
    public required IReadOnlyList<SearchResult> Results { get; init; }

    public required int Offset { get; init; }

    /// <summary>Whether asking for the next page (Offset + Results.Count) can return more.</summary>
    public required bool HasMore { get; init; }

    /// <summary>The query as understood, in canonical form.</summary>
    public required string Query { get; init; }

    /// <summary>
    /// "similarity" (cosine, -1..1), "fused" (reciprocal-rank fusion of vector and full-text ranks),
    /// "text" (full-text rank only), "none" (filters, random or date order: the score is 0).
    /// </summary>
    public required string ScoreKind { get; init; }

    /// <summary>Parts of the query that were ignored, one message each.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>What limited this search, such as "the model cannot read text, so only file names and captions were searched".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Everything the catalog knows about one photo, for the photo page and `shoebox show`.</summary>
public sealed record PhotoDetails
{
    public required SearchResult Photo { get; init; }

    public required long Size { get; init; }

    public string? Lens { get; init; }

    public double? Altitude { get; init; }

    /// <summary>When Shoebox first catalogued it, UTC.</summary>
    public required DateTimeOffset AddedAt { get; init; }

    /// <summary>Every location ever seen, with its status (ok, missing).</summary>
    public required IReadOnlyList<PhotoLocation> Locations { get; init; }

    /// <summary>Keywords, captions, titles and OCR lines attached to the photo.</summary>
    public required IReadOnlyList<PhotoText> Texts { get; init; }

    /// <summary>Whether the engine's model has a vector for it (so "more like this" can work).</summary>
    public required bool HasVector { get; init; }
}

/// <param name="ReadFrom">"file" for the file at the path, "archive" for an entry read inside an archive, "preview" for a
/// stand-in (the largest preview a library kept of an original that cannot be read now).</param>
public sealed record PhotoLocation(string Path, string Status, DateTimeOffset LastSeen, string ReadFrom = "file");

public sealed record PhotoText(string Kind, string Source, string Content);
