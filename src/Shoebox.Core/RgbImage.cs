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

    public ReadOnlySpan<byte> Pixel(int x, int y) => Pixels.AsSpan((y * Width + x) * 3, 3);
}
