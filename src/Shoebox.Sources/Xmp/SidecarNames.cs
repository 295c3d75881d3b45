using Shoebox.Core;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// Which sidecar files belong to an image. "IMG_1.CR2.xmp" (darktable, digiKam, Immich) names its image exactly.
/// "IMG_1.xmp" (Lightroom and Camera Raw, which write it for raw files only) names just a stem, so it is taken
/// to be about a raw file with that stem; for any other image only when no other image in the folder shares
/// the stem (IMG_1.jpg beside IMG_1.xmp alone is what it describes, but with IMG_1.CR2 there it is the raw's, and
/// with IMG_1.jpg and IMG_1.png both there it is nobody's). The ".xmp" ending matches in either case.
/// </summary>
internal static class SidecarNames
{
    // DNG does not count: Lightroom embeds its XMP in DNG files and writes no IMG_1.xmp for them.
    private const string Dng = ".dng";

    private static readonly HashSet<string> OtherImages = new(StringComparer.OrdinalIgnoreCase)
    {
        ".avif", ".bmp", ".dng", ".gif", ".heic", ".heif", ".hif", ".jfif", ".jpe", ".jpeg", ".jpg", ".jxl", ".png",
        ".tif", ".tiff", ".webp",
    };

    private static readonly string[] Endings = [".xmp", ".XMP", ".Xmp"];

    public static bool IsRaw(string path) =>
        RawExtensions.IsRaw(path) && !string.Equals(Path.GetExtension(path), Dng, StringComparison.OrdinalIgnoreCase);

    private static bool IsImage(string name) => RawExtensions.IsRaw(name) || OtherImages.Contains(Path.GetExtension(name));

    /// <summary>"IMG_1.CR2.xmp" when it exists, in any of the usual endings.</summary>
    public static string? FullName(string imagePath) => FirstExisting(imagePath);

    /// <summary>"IMG_1.xmp" when it exists and belongs to this image by the rule above.</summary>
    public static string? StemName(string imagePath)
    {
        var extension = Path.GetExtension(imagePath);
        if (extension.Length == 0 || Endings.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        var stemPath = imagePath[..^extension.Length];
        return FirstExisting(stemPath) is { } sidecar && (IsRaw(imagePath) || OnlyImageWithStem(imagePath)) ? sidecar : null;
    }

    /// <summary>The name Shoebox gives a sidecar it creates: the image's full name plus ".xmp".</summary>
    public static string ForNew(string imagePath) => imagePath + ".xmp";

    private static string? FirstExisting(string withoutEnding) =>
        Endings.Select(ending => withoutEnding + ending).FirstOrDefault(File.Exists);

    // Lists the folder, so only asked when a stem sidecar sits beside an image that is not raw (rare).
    private static bool OnlyImageWithStem(string imagePath)
    {
        var folder = Path.GetDirectoryName(imagePath);
        var name = Path.GetFileName(imagePath);
        var stem = Path.GetFileNameWithoutExtension(imagePath);
        if (string.IsNullOrEmpty(folder))
        {
            folder = ".";
        }
        try
        {
            return !Directory.EnumerateFiles(folder, "*", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
                .Select(path => Path.GetFileName(path))
                .Any(other => other != name &&
                    string.Equals(Path.GetFileNameWithoutExtension(other), stem, StringComparison.OrdinalIgnoreCase) &&
                    IsImage(other));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
