namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// One image of a Capture One catalog or session (not trashed), with what Capture One shows of it: its variants
/// (several edits of one file) are one image, their keywords and albums put together.
/// </summary>
/// <param name="Id">ZIMAGE.Z_PK.</param>
/// <param name="FileName">ZIMAGEFILENAME, the original's file name.</param>
/// <param name="Folder">Where the original lies, as the catalog spells it (see <see cref="CaptureOneFolder"/>); null when the catalog names none.</param>
public sealed record CaptureOneImage(long Id, string FileName, CaptureOneFolder? Folder)
{
    /// <summary>ZVARIANT.Z_PK of each variant, the first one first: previews are named after them.</summary>
    public IReadOnlyList<long> Variants { get; init; } = [];

    /// <summary>Wall-clock capture time (ZEXP_DATE).</summary>
    public DateTime? TakenAt { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    public string? Lens { get; init; }

    /// <summary>Stars 1 to 5; null when unrated.</summary>
    public int? Rating { get; init; }

    /// <summary>Colour label by name ("red"); null when none.</summary>
    public string? Label { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? City { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Albums and projects holding it, each as its folder path ("Portfolio/Weddings").</summary>
    public IReadOnlyList<string> Albums { get; init; } = [];
}

/// <summary>
/// A ZPATHLOCATION row with the image's own flag: inside the catalog (relative to the folder holding the database),
/// or under a Windows or macOS root. <see cref="RelativePath"/> uses backslashes and names no file.
/// </summary>
public sealed record CaptureOneFolder(bool InsideCatalog, string? RelativePath, string? WindowsRoot, string? MacRoot, string? Volume);
