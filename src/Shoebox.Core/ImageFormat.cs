namespace Shoebox.Core;

public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
    Bmp,
    Tiff,
    Heif,
    Avif,

    // Camera raw files, told apart by their content (see RawSniffer).
    Cr2,
    Cr3,
    Crw,
    Nef,
    Arw,
    Dng,
    Orf,
    Rw2,
    Pef,
    Srw,
    Raf,
    Mrw,
    X3f,
    Iiq,
    Hasselblad3fr,
}

/// <summary>Formats by the lower-case names the catalog, queries (type:png) and results use.</summary>
public static class ImageFormatNames
{
    // An enum name cannot start with a digit; the catalog keeps the name photographers know.
    private const string Hasselblad = "3fr";

    public static string Name(this ImageFormat format) =>
        format == ImageFormat.Hasselblad3fr ? Hasselblad : format.ToString().ToLowerInvariant();

    public static ImageFormat? Parse(string name) =>
        string.Equals(name, Hasselblad, StringComparison.OrdinalIgnoreCase) ? ImageFormat.Hasselblad3fr
        : Enum.TryParse<ImageFormat>(name, ignoreCase: true, out var format) && !int.TryParse(name, out _) ? format : null;

    /// <summary>A camera's raw file, read through its embedded preview (or the raw data itself when none serves).</summary>
    public static bool IsRaw(this ImageFormat format) => format >= ImageFormat.Cr2;
}
