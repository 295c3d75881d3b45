using System.Buffers.Binary;
using System.IO.Compression;

namespace Shoebox.Bench;

/// <summary>8 x 8 RGB PNGs, each with different pixels (the file number is written into the first pixel).</summary>
internal static class TinyPng
{
    private const int Side = 8;
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Create(int number)
    {
        // Each row: filter type 0, then RGB. A gradient, with the number in the first pixel so every file differs.
        var raw = new byte[Side * (1 + (Side * 3))];
        for (var row = 0; row < Side; row++)
        {
            for (var column = 0; column < Side; column++)
            {
                var at = (row * (1 + (Side * 3))) + 1 + (column * 3);
                raw[at] = (byte)(row * 32);
                raw[at + 1] = (byte)(column * 32);
                raw[at + 2] = (byte)((row + column) * 16);
            }
        }
        raw[1] = (byte)number;
        raw[2] = (byte)(number >> 8);
        raw[3] = (byte)(number >> 16);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Side);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        png.Write(field);
        png.Write(type);
        png.Write(data);
        // The CRC covers the chunk type and data, not the length.
        BinaryPrimitives.WriteUInt32BigEndian(field, ~Crc(Crc(uint.MaxValue, type), data));
        png.Write(field);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    // CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as the PNG specification defines it.
    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
