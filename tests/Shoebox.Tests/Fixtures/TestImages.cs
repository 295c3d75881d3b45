using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace Shoebox.Tests.Fixtures;

/// <summary>Real image files made on the spot, each with content of its own unless asked otherwise.</summary>
public static class TestImages
{
    private static int _seed;

    /// <summary>A JPEG whose pixels differ from every other one made here (a colour ramp keyed by a counter).</summary>
    public static string Jpeg(string path, int width = 64, int height = 48, int? orientation = null, int quality = 90)
    {
        using var image = Unique(width, height);
        if (orientation is { } o)
        {
            using var oriented = image.Mutate(m => m.Set(GValue.GIntType, "orientation", o));
            return Save(path, () => oriented.Jpegsave(path, q: quality));
        }
        return Save(path, () => image.Jpegsave(path, q: quality));
    }

    public static string Png(string path, int width = 64, int height = 48) => Save(path, () =>
    {
        using var image = Unique(width, height);
        image.Pngsave(path);
    });

    public static string Gif(string path) => Save(path, () =>
    {
        using var image = Unique(40, 30);
        image.Gifsave(path);
    });

    public static string WebP(string path) => Save(path, () =>
    {
        using var image = Unique(40, 30);
        image.Webpsave(path);
    });

    public static string Tiff(string path, int width = 40, int height = 30) => Save(path, () =>
    {
        using var image = Unique(width, height);
        image.Tiffsave(path);
    });

    /// <summary>A 24-bit BMP written by hand (libvips cannot save BMP).</summary>
    public static string Bmp(string path, int width = 8, int height = 6)
    {
        var seed = Interlocked.Increment(ref _seed);
        var rowSize = (width * 3 + 3) & ~3;
        var data = new byte[54 + rowSize * height];
        "BM"u8.CopyTo(data);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(2), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(28), 24);
        for (var i = 54; i < data.Length; i++)
        {
            data[i] = (byte)(i * 7 + seed * 13);
        }
        return Save(path, () => File.WriteAllBytes(path, data));
    }

    /// <summary>A valid JPEG cut in half: the kind a failed copy or download leaves behind.</summary>
    public static string TruncatedJpeg(string path)
    {
        var whole = Jpeg(path, 400, 300);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    /// <summary>
    /// A tiny PNG whose header claims <paramref name="width"/> x <paramref name="height"/> pixels: a decompression
    /// bomb's header, with a valid structure (checksums right) so only the size gives it away.
    /// </summary>
    public static string PngClaimingSize(string path, int width, int height)
    {
        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(file, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[4096]);
            }
            WriteChunk(file, "IDAT", compressed.ToArray());
        }
        WriteChunk(file, "IEND", []);
        return Save(path, () => File.WriteAllBytes(path, file.ToArray()));
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    /// <summary>A horizontal ramp whose start colour comes from a counter, so no two images share content.</summary>
    private static Image Unique(int width, int height)
    {
        var seed = Interlocked.Increment(ref _seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                pixels[i] = (byte)(seed * 37 + x * 3);
                pixels[i + 1] = (byte)(seed * 91 + y * 5);
                pixels[i + 2] = (byte)(seed >> 8);
            }
        }
        return Image.NewFromMemory(pixels, width, height, 3, Enums.BandFormat.Uchar);
    }

    private static string Save(string path, Action save)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        save();
        return path;
    }
}
