using System.Collections.Frozen;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Indexing;

/// <summary>
/// What makes a camera raw and a JPEG (or HEIC) one shot: side by side in one folder under one name
/// (IMG_1.CR2 + IMG_1.JPG), with the same capture time and camera in their metadata. The one place that says which
/// files are raws for pairing: by name (<see cref="RawExtensions"/>), or by content where the sniffer knows the format.
/// </summary>
internal static class RawPairs
{
    // The renderings a camera writes beside its raws, in the case cameras write them and in lower case.
    private static readonly string[] RenderedExtensions = [".JPG", ".jpg", ".JPEG", ".jpeg", ".HEIC", ".heic", ".HIF", ".hif", ".HEIF", ".heif"];

    private static readonly FrozenSet<string> RenderedSet = RenderedExtensions.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A raw by its name, or by what its content was sniffed as.</summary>
    public static bool IsRaw(string path, ImageFormat sniffed) => RawExtensions.IsRaw(path) || sniffed.IsRaw();

    public static bool IsRendered(string path) => RenderedSet.Contains(Path.GetExtension(path));

    /// <summary>What a raw and its rendering share: folder and name without extension, in any case.</summary>
    public static string Key(string path) => Path.Join(Path.GetDirectoryName(path), Path.GetFileNameWithoutExtension(path)).ToUpperInvariant();

    /// <summary>The JPEG or HEIC beside <paramref name="rawPath"/> on disk, or null when there is none.</summary>
    public static string? RenderedBeside(string rawPath)
    {
        var stem = Path.ChangeExtension(rawPath, null);
        foreach (var extension in RenderedExtensions)
        {
            if (File.Exists(stem + extension))
            {
                return stem + extension;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the two files are the same shot: both say when they were taken, to the second alike, and name the same
    /// camera. A file whose metadata cannot be read pairs with nothing.
    /// </summary>
    public static bool SameShot(string rawPath, string renderedPath)
    {
        var raw = Metadata(rawPath);
        var rendered = Metadata(renderedPath);
        return raw.TakenAt is { } taken && taken == rendered.TakenAt
            && SameName(raw.CameraMake, rendered.CameraMake) && SameName(raw.CameraModel, rendered.CameraModel);
    }

    private static PhotoMetadata Metadata(string path)
    {
        try
        {
            return ExifReader.Read(path, new PhotoMetadata { Format = ImageFormat.Jpeg });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PhotoMetadata { Format = ImageFormat.Jpeg };
        }
    }

    private static bool SameName(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
