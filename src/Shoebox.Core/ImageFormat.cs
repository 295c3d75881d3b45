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
