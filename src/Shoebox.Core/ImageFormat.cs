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
}

/// <summary>Formats by the lower-case names the catalog, queries (type:png) and results use.</summary>
public static class ImageFormatNames
{
    public static string Name(this ImageFormat format) => format.ToString().ToLowerInvariant();

    public static ImageFormat? Parse(string name) => Enum.TryParse<ImageFormat>(name, ignoreCase: true, out var format) && !int.TryParse(name, out _) ? format : null;
}
