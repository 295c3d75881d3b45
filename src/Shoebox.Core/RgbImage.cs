namespace Shoebox.Core;

/// <summary>Decoded pixels: 8-bit sRGB, three interleaved channels, upright, row after row without padding.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"{width} x {height} RGB needs {width * height * 3} bytes, got {pixels.Length}.", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>
    /// The size of the whole image these pixels were decoded from (upright). Models compute their resize from it,
    /// so a photo decoded smaller to save time is still cut exactly where the full-size one would be.
    /// </summary>
    public (int Width, int Height) SourceSize
    {
        get => _sourceSize ?? (Width, Height);
        init => _sourceSize = value;
    }

    private readonly (int Width, int Height)? _sourceSize;

    public ReadOnlySpan<byte> Pixel(int x, int y) => Pixels.AsSpan((y * Width + x) * 3, 3);
}
