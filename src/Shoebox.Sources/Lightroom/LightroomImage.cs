namespace Shoebox.Sources.Lightroom;

/// <summary>
/// One image of a Lightroom catalog (a master, or a virtual copy sharing its master's file) and what the catalog
/// says about it.
/// </summary>
/// <param name="Id">Adobe_images.id_local, the key of its previews.</param>
/// <param name="GlobalId">Adobe_images.id_global, a UUID stable across catalog copies.</param>
/// <param name="OriginalPath">Where Lightroom expects the original, exactly as the catalog spells it.</param>
/// <param name="RootFolder">The catalog's root folder the original lies under, without a trailing slash.</param>
public sealed record LightroomImage(long Id, string GlobalId, string OriginalPath, string RootFolder)
{
    /// <summary>On a virtual copy, the Id of its master; null on a master.</summary>
    public long? MasterImage { get; init; }

    /// <summary>Wall-clock capture time as Lightroom shows it (it keeps no zone).</summary>
    public DateTime? CaptureTime { get; init; }

    /// <summary>Stars 1 to 5; null when unrated.</summary>
    public int? Rating { get; init; }

    /// <summary>1 picked, 0 unflagged, -1 rejected.</summary>
    public int? Pick { get; init; }

    /// <summary>The colour label's name in lower case ("red"); null when none.</summary>
    public string? Label { get; init; }

    /// <summary>EXIF orientation from Lightroom's letters (see <see cref="LightroomOrientation"/>); null when unknown.</summary>
    public int? Orientation { get; init; }

    /// <summary>Keyword paths joined with '|', the root keyword left out ("Places|France|Paris").</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Names of person keywords.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>Names of the collections holding the image.</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    public string? Caption { get; init; }

    public string? Title { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? CameraModel { get; init; }

    public string? Lens { get; init; }
}

/// <summary>An image the catalog lists but cannot place on disk, and why.</summary>
public sealed record UnreadableImage(long Id, string Reason);
