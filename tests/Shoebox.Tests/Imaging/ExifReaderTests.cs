using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging;

/// <summary>Metadata read from crafted PNGs: chunks that inflate to a gigabyte or claim any length cost almost nothing.</summary>
[Tier(Tier.Unit)]
public class ExifReaderTests
{
    private static readonly PhotoMetadata Basis = new() { Format = ImageFormat.Png, Width = 16, Height = 16 };

    [Fact]
    public void Read_PngWithTextChunkInflatingTo1GiB_ReadsTheExifAndHoldsLittleMemory()
    {
        using var temp = new TempFolder();
        var path = Png(temp["bomb.png"], Chunk("zTXt", [.. "Comment\0\0"u8, .. DeflatedZeros(1L << 30)]), Chunk("eXIf", Exif("2021:06:12 14:30:05")));

        var (metadata, allocated) = ReadCountingAllocations(path);

        Assert.Equal(new DateTime(2021, 6, 12, 14, 30, 5), metadata.TakenAt);
        Assert.InRange(allocated, 0, 4L * ExifReader.MaxMetadataBytes);
    }

    [Theory]
    [InlineData("eXIf")]
    [InlineData("iTXt")]
    public void Read_PngChunkClaimingMoreThanTheFileHolds_GivesWhatCouldBeRead(string type)
    {
        using var temp = new TempFolder();
        byte[] claim = [0x7F, 0xFF, 0xFF, 0xF0, .. System.Text.Encoding.ASCII.GetBytes(type), .. new byte[20]];
        var path = Png(temp["claim.png"], Chunk("eXIf", Exif("2020:01:02 03:04:05")), claim);

        var (metadata, allocated) = ReadCountingAllocations(path);

        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5), metadata.TakenAt);
        Assert.InRange(allocated, 0, 4L * ExifReader.MaxMetadataBytes);
    }

    [Fact]
    public void Read_ExifChunkOverTheLimit_IsLeftOut()
    {
        using var temp = new TempFolder();
        byte[] exif = [.. Exif("2020:01:02 03:04:05"), .. new byte[ExifReader.MaxMetadataBytes]];
        var path = Png(temp["large.png"], Chunk("eXIf", exif));

        Assert.Null(ExifReader.Read(path, Basis).TakenAt);
    }

    // The reader runs on this thread: what it allocates is counted here, whatever other tests do meanwhile.
    private static (PhotoMetadata Metadata, long Allocated) ReadCountingAllocations(string path)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var metadata = ExifReader.Read(path, Basis);
        return (metadata, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // A 16 x 16 grey PNG with these chunks between its header and its pixels.
    private static string Png(string path, params byte[][] chunks)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 16);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 16);
        header[8] = 8; // bit depth; colour type 0 (grey)
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(new byte[16 * 17]);
        }
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        file.Write(Chunk("IHDR", header));
        foreach (var chunk in chunks)
        {
            file.Write(chunk);
        }
        file.Write(Chunk("IDAT", pixels.ToArray()));
        file.Write(Chunk("IEND", []));
        return path;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static byte[] DeflatedZeros(long count)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written < count; written += zeros.Length)
            {
                zlib.Write(zeros);
            }
        }
        return output.ToArray();
    }

    // Big-endian TIFF: IFD0 pointing to an EXIF IFD that holds DateTimeOriginal.
    private static byte[] Exif(string taken)
    {
        var exif = new byte[64];
        "MM\0*"u8.CopyTo(exif);
        BinaryPrimitives.WriteInt32BigEndian(exif.AsSpan(4), 8);
        Entry(exif, 8, tag: 0x8769, type: 4, count: 1, value: 26);
        Entry(exif, 26, tag: 0x9003, type: 2, count: 20, value: 44);
        System.Text.Encoding.ASCII.GetBytes(taken).CopyTo(exif, 44);
        return exif;
    }

    private static void Entry(byte[] exif, int at, ushort tag, ushort type, int count, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(exif.AsSpan(at), 1);
        BinaryPrimitives.WriteUInt16BigEndian(exif.AsSpan(at + 2), tag);
        BinaryPrimitives.WriteUInt16BigEndian(exif.AsSpan(at + 4), type);
        BinaryPrimitives.WriteInt32BigEndian(exif.AsSpan(at + 6), count);
        BinaryPrimitives.WriteInt32BigEndian(exif.AsSpan(at + 10), value);
        BinaryPrimitives.WriteInt32BigEndian(exif.AsSpan(at + 14), 0);
    }
}
