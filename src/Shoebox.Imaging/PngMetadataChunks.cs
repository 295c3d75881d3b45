using System.Buffers.Binary;

namespace Shoebox.Imaging;

/// <summary>
/// The part of a PNG that <see cref="ExifReader"/> needs: its header and its EXIF (eXIf) chunk, as a small PNG of
/// their own. MetadataExtractor inflates every compressed text chunk (zTXt, iTXt, iCCP) whatever it holds (a 16 x 16
/// PNG with a zTXt chunk inflating to 1 GiB took 3 GB) and allocates whatever length a chunk claims before reading
/// it; neither text nor colour profile is used, so those chunks are never handed to it.
/// </summary>
internal static class PngMetadataChunks
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> End => [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    /// <summary>
    /// IHDR and eXIf copied from a seekable <paramref name="png"/>, at most <paramref name="budget"/> bytes of them;
    /// everything else is skipped by seeking, and a chunk claiming more than the file holds ends the walk.
    /// </summary>
    public static MemoryStream Essential(Stream png, int budget)
    {
        var output = new MemoryStream();
        output.Write(Signature);
        png.Position = Signature.Length;
        Span<byte> head = stackalloc byte[8];
        while (png.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(head);
            var type = head[4..];
            if (length > png.Length - png.Position - 4 || type.SequenceEqual("IEND"u8))
            {
                break;
            }
            if ((type.SequenceEqual("IHDR"u8) || type.SequenceEqual("eXIf"u8)) && length + 12 <= budget)
            {
                budget -= (int)length + 12;
                output.Write(head);
                var chunk = new byte[length + 4]; // data and CRC
                png.ReadExactly(chunk);
                output.Write(chunk);
            }
            else
            {
                png.Seek(length + 4, SeekOrigin.Current);
            }
        }
        output.Write(End);
        output.Position = 0;
        return output;
    }
}
