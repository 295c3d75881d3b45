namespace Shoebox.Core;

/// <summary>
/// What a photo library (Takeout JSON, a Lightroom catalog, Photos.sqlite) or a sidecar says about one image.
/// The catalog keeps it per location and source: a photo in two albums has two locations, each naming its album;
/// when the source says something new, everything it said before about that location is replaced.
/// </summary>
public sealed record SourceFacts
{
    /// <summary>Who says it: "takeout", "lightroom", "apple-photos", "capture-one", "xmp". Stored as the texts' source.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// True when the source's date and place beat the file's EXIF (the user corrected them in the application);
    /// false when they only fill in what the EXIF lacks.
    /// </summary>
    public bool Overrides { get; init; }

    /// <summary>Wall-clock time where the photo was taken; <see cref="TakenOffset"/> is its UTC offset when known.</summary>
    public DateTime? TakenAt { get; init; }

    public TimeSpan? TakenOffset { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    public string? Lens { get; init; }

    /// <summary>Stars, 0 to 5; -1 rejected (XMP's convention).</summary>
    public int? Rating { get; init; }

    public bool Favorite { get; init; }

    /// <summary>Lightroom's flag: 1 picked, -1 rejected, 0 or null none.</summary>
    public int? Pick { get; init; }

    /// <summary>The colour label by its name, lower case ("red"); null when none.</summary>
    public string? Label { get; init; }

    public string? Title { get; init; }

    /// <summary>The human-written caption or description.</summary>
    public string? Description { get; init; }

    /// <summary>Keywords as the user sees them; hierarchical ones as their path joined with '|' ("Places|France|Paris").</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Names of the people in the photo.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>Albums or collections the image belongs to, by name.</summary>
    public IReadOnlyList<string> Albums { get; init; } = [];

    /// <summary>Place names the library gives the photo (a city), searched with place: and as words.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>The bytes are a preview standing in for an original that cannot be read now.</summary>
    public bool IsPreview { get; init; }
}
