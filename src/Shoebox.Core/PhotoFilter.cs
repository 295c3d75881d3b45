namespace Shoebox.Core;

/// <summary>
/// Conditions a photo must meet, all of them; empty lists and nulls mean "any". Text matches ignore ASCII case.
/// Only photos with at least one location that exists pass, whatever the filter.
/// </summary>
public sealed record PhotoFilter
{
    public static readonly PhotoFilter None = new();

    /// <summary>Inclusive lower bound on the camera's wall-clock taken time.</summary>
    public DateTime? TakenFrom { get; init; }

    /// <summary>Exclusive upper bound on the taken time.</summary>
    public DateTime? TakenBefore { get; init; }

    /// <summary>The make or model contains any one of these.</summary>
    public IReadOnlyList<string> Cameras { get; init; } = [];

    public IReadOnlyList<string> ExcludedCameras { get; init; } = [];

    /// <summary>A folder holding the photo, or an album it is in, contains any one of these.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    public IReadOnlyList<string> ExcludedFolders { get; init; } = [];

    public IReadOnlyList<ImageFormat> Formats { get; init; } = [];

    public IReadOnlyList<ImageFormat> ExcludedFormats { get; init; } = [];

    /// <summary>Has every one of these keywords (exact words, any case).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> ExcludedKeywords { get; init; } = [];

    /// <summary>Shows every one of these people: named on a face found in it, or by a photo library (any case).</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    public IReadOnlyList<string> ExcludedPeople { get; init; } = [];

    /// <summary>A place name attached to the photo (texts of kind 'place') contains any one of these.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    public IReadOnlyList<string> ExcludedPlaces { get; init; } = [];

    /// <summary>Has (true) or lacks (false) GPS coordinates.</summary>
    public bool? HasLocation { get; init; }

    /// <summary>Has (true) or lacks (false) text read from its pixels.</summary>
    public bool? HasText { get; init; }

    /// <summary>Marked so by a photo library (all of these, none of the excluded).</summary>
    public IReadOnlyList<PhotoMark> Flags { get; init; } = [];

    public IReadOnlyList<PhotoMark> ExcludedFlags { get; init; } = [];

    /// <summary>Rated at least this many stars by a photo library or sidecar.</summary>
    public int? MinRating { get; init; }

    /// <summary>Given any one of these colour labels ("red") by a photo library; names in lower case.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<string> ExcludedLabels { get; init; } = [];

    public static string MarkName(PhotoMark flag) => flag.ToString().ToLowerInvariant();

    public bool Equals(PhotoFilter? other) =>
        other is not null
        && TakenFrom == other.TakenFrom
        && TakenBefore == other.TakenBefore
        && Cameras.SequenceEqual(other.Cameras)
        && ExcludedCameras.SequenceEqual(other.ExcludedCameras)
        && Folders.SequenceEqual(other.Folders)
        && ExcludedFolders.SequenceEqual(other.ExcludedFolders)
        && Formats.SequenceEqual(other.Formats)
        && ExcludedFormats.SequenceEqual(other.ExcludedFormats)
        && Keywords.SequenceEqual(other.Keywords)
        && ExcludedKeywords.SequenceEqual(other.ExcludedKeywords)
        && People.SequenceEqual(other.People)
        && ExcludedPeople.SequenceEqual(other.ExcludedPeople)
        && Places.SequenceEqual(other.Places)
        && ExcludedPlaces.SequenceEqual(other.ExcludedPlaces)
        && HasLocation == other.HasLocation
        && HasText == other.HasText
        && Flags.SequenceEqual(other.Flags)
        && ExcludedFlags.SequenceEqual(other.ExcludedFlags)
        && MinRating == other.MinRating
        && Labels.SequenceEqual(other.Labels)
        && ExcludedLabels.SequenceEqual(other.ExcludedLabels);

    public override int GetHashCode() =>
        HashCode.Combine(TakenFrom, TakenBefore, HasText, HasLocation, MinRating,
            Cameras.Count + Folders.Count + Formats.Count + Keywords.Count + People.Count + Places.Count + Flags.Count + Labels.Count,
            ExcludedCameras.Count + ExcludedFolders.Count + ExcludedFormats.Count + ExcludedKeywords.Count + ExcludedPeople.Count + ExcludedPlaces.Count + ExcludedFlags.Count + ExcludedLabels.Count);

    public bool IsEmpty =>
        TakenFrom is null && TakenBefore is null && HasText is null && HasLocation is null && MinRating is null
        && Flags.Count + ExcludedFlags.Count + Labels.Count + ExcludedLabels.Count == 0
        && Cameras.Count + ExcludedCameras.Count + Folders.Count + ExcludedFolders.Count + Formats.Count
           + ExcludedFormats.Count + Keywords.Count + ExcludedKeywords.Count + People.Count + ExcludedPeople.Count + Places.Count + ExcludedPlaces.Count == 0;
}

/// <summary>Marks a photo library puts on a photo: a heart in Google or Apple Photos, Lightroom's flags.</summary>
public enum PhotoMark
{
    Favorite,
    Picked,
    Rejected,
}
