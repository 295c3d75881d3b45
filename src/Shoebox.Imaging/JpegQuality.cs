namespace Shoebox.Imaging;

/// <summary>
/// The quality a JPEG was saved at (1-100, as libjpeg's -quality counts it), estimated from its luminance
/// quantisation table: encoders scale the standard table (ITU T.81, Annex K) by the quality, so the table's sum
/// against the standard one's gives the scale back. Encoders with tables of their own (cameras, Photoshop) come out
/// at the libjpeg quality of the same coarseness, which is what comparing two copies needs.
/// </summary>
public static class JpegQuality
{
    // The standard luminance table's 64 values add up to this (order does not matter for a sum).
    private const int StandardLuminanceSum = 3688;

    // Tables come before the first scan; a file whose tables are not in its first 256 KB is not worth reading on.
    private const int MaxHeaderBytes = 256 * 1024;

    private const int FirstRead = 16 * 1024;

    /// <summary>The estimated quality, or null when the file is not a JPEG or its tables cannot be read.</summary>
    public static int? Estimate(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16 * 1024);
            return Estimate(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc cref="Estimate(string)"/>
    public static int? Estimate(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // The tables follow the EXIF block, mostly within the first few KB: read more only when they are further on.
        var header = new byte[FirstRead];
        var length = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        while (true)
        {
            var (quality, cutShort) = Parse(header.AsSpan(0, length));
            if (!cutShort || length < header.Length || header.Length >= MaxHeaderBytes)
            {
                return quality;
            }
            Array.Resize(ref header, header.Length * 4);
            length += stream.ReadAtLeast(header.AsSpan(length), header.Length - length, throwOnEndOfStream: false);
        }
    }

    /// <summary>The estimate from a JPEG's first bytes (up to its first scan).</summary>
    public static int? Estimate(ReadOnlySpan<byte> jpeg) => Parse(jpeg).Quality;

    // CutShort: the bytes ended before a table or the first scan.
    private static (int? Quality, bool CutShort) Parse(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return (null, false);
        }
        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF)
            {
                return (null, false);
            }
            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }
            if (marker is 0xDA or 0xD9)
            {
                return (null, false); // the scan (or the end) came before any table
            }
            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (length < 2)
            {
                return (null, false);
            }
            if (at + 2 + length > jpeg.Length)
            {
                return (null, true);
            }
            if (marker == 0xDB && LuminanceSum(jpeg.Slice(at + 4, length - 2)) is { } sum)
            {
                return (FromScale(100.0 * sum / StandardLuminanceSum), false);
            }
            at += 2 + length;
        }
        return (null, true);
    }

    // A DQT segment holds one or more tables, each a byte of precision (high nibble) and id (low nibble), then 64
    // values of 8 or 16 bits. Table 0 is the luminance table.
    private static long? LuminanceSum(ReadOnlySpan<byte> segment)
    {
        var at = 0;
        while (at < segment.Length)
        {
            var wide = segment[at] >> 4 == 1;
            var id = segment[at] & 0x0F;
            var size = wide ? 128 : 64;
            if (at + 1 + size > segment.Length)
            {
                return null;
            }
            if (id == 0)
            {
                long sum = 0;
                for (var i = 0; i < 64; i++)
                {
                    sum += wide ? (segment[at + 1 + (2 * i)] << 8) | segment[at + 2 + (2 * i)] : segment[at + 1 + i];
                }
                return sum;
            }
            at += 1 + size;
        }
        return null;
    }

    // libjpeg's scaling: below 50 the table is multiplied by 50 / quality, above it by (100 - quality) / 50.
    private static int FromScale(double percent)
    {
        var quality = percent <= 100 ? (200 - percent) / 2 : 5000 / percent;
        return (int)Math.Clamp(Math.Round(quality), 1, 100);
    }
}
