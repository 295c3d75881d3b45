using Shoebox.Core;

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

    /// <summary>
    /// What Capture One shows, as the catalog keeps it per location: capture time (ZEXP_DATE), GPS, camera and lens
    /// from the image; stars, colour label, keywords, title, description and city from the combined layer; albums
    /// and projects by folder path ("Portfolio/Weddings").
    /// </summary>
    public SourceFacts Facts { get; init; } = new() { Source = CaptureOneSource.SourceName, Overrides = true };
}

/// <summary>
/// A ZPATHLOCATION row with the image's own flag: inside the catalog (relative to the folder holding the database),
/// or under a Windows or macOS root. <see cref="RelativePath"/> uses backslashes and names no file.
/// </summary>
public sealed record CaptureOneFolder(bool InsideCatalog, string? RelativePath, string? WindowsRoot, string? MacRoot, string? Volume);
