using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging;

/// <summary>
/// Windows bitmaps, which the libvips build on NuGet does not load: uncompressed 1, 4, 8, 24 and 32 bits per
/// pixel (bottom-up or top-down), the forms screenshots and old scanners write. RLE-compressed bitmaps are refused.
/// </summary>
internal static class BmpReader
{
    private const int FileHeaderSize = 14;
    private const int Uncompressed = 0;
    private const int Bitfields = 3;

    public static (int Width, int Height) ReadSize(string path)
    {
        var header = new byte[FileHeaderSize + 40];
        using var stream = File.OpenRead(path);
        var length = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return Parse(header.AsSpan(0, length)).Size;
    }

    /// <summary>The whole bitmap (the caller has checked its size against the pixel limit).</summary>
    public static RgbImage Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var info = Parse(data);
        var (width, height) = info.Size;
        var stride = ((width * info.BitsPerPixel) + 31) / 32 * 4;
        if (info.PixelOffset + ((long)stride * height) > data.Length)
        {
            throw new BadImageException("cannot decode: the bitmap is truncated");
        }
        var palette = ReadPalette(data, info);
        var pixels = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            var source = data.AsSpan(info.PixelOffset + (stride * (info.TopDown ? row : height - 1 - row)), stride);
            var target = pixels.AsSpan(row * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                ReadPixel(source, x, info.BitsPerPixel, palette, target.Slice(x * 3, 3));
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static void ReadPixel(ReadOnlySpan<byte> row, int x, int bits, byte[][] palette, Span<byte> rgb)
    {
        switch (bits)
        {
            case 24 or 32:
                var offset = x * (bits / 8);
                var alpha = bits == 32 ? row[offset + 3] : 255;
                // Alpha composited onto white, the same rule as every other format (see ImageDecoder).
                rgb[0] = Blend(row[offset + 2], alpha);
                rgb[1] = Blend(row[offset + 1], alpha);
                rgb[2] = Blend(row[offset], alpha);
                break;
            default:
                var perByte = 8 / bits;
                var shift = 8 - (bits * ((x % perByte) + 1));
                var index = (row[x / perByte] >> shift) & ((1 << bits) - 1);
                var entry = index < palette.Length ? palette[index] : [0, 0, 0];
                entry.CopyTo(rgb);
                break;
        }
    }

    private static byte Blend(byte value, int alpha) => (byte)(((value * alpha) + (255 * (255 - alpha)) + 127) / 255);

    private static byte[][] ReadPalette(byte[] data, BmpInfo info)
    {
        if (info.BitsPerPixel > 8)
        {
            return [];
        }
        var count = info.PaletteSize > 0 ? info.PaletteSize : 1 << info.BitsPerPixel;
        var start = FileHeaderSize + info.HeaderSize;
        var palette = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var at = start + (i * 4);
            palette[i] = at + 3 <= data.Length ? [data[at + 2], data[at + 1], data[at]] : [0, 0, 0];
        }
        return palette;
    }

    private static BmpInfo Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < FileHeaderSize + 16 || data[0] != 'B' || data[1] != 'M')
        {
            throw new BadImageException("cannot decode: not a BMP file");
        }
        var pixelOffset = BinaryPrimitives.ReadInt32LittleEndian(data[10..]);
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        if (headerSize < 40 || data.Length < FileHeaderSize + 40)
        {
            throw new BadImageException("cannot decode: this old (OS/2) BMP variant is not supported");
        }
        var width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        var bits = BinaryPrimitives.ReadInt16LittleEndian(data[28..]);
        var compression = BinaryPrimitives.ReadInt32LittleEndian(data[30..]);
        var paletteSize = BinaryPrimitives.ReadInt32LittleEndian(data[46..]);
        if (compression != Uncompressed && !(compression == Bitfields && bits == 32))
        {
            throw new BadImageException("cannot decode: compressed BMP files are not supported");
        }
        if (bits is not (1 or 4 or 8 or 24 or 32) || width <= 0 || rawHeight == 0 || rawHeight == int.MinValue || pixelOffset <= 0)
        {
            throw new BadImageException($"cannot decode: unsupported BMP ({bits} bits per pixel, {width} x {rawHeight})");
        }
        return new BmpInfo((width, Math.Abs(rawHeight)), bits, rawHeight < 0, pixelOffset, headerSize, Math.Max(0, paletteSize));
    }

    private sealed record BmpInfo((int Width, int Height) Size, int BitsPerPixel, bool TopDown, int PixelOffset, int HeaderSize, int PaletteSize);
}
