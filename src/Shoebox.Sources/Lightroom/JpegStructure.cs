namespace Shoebox.Sources.Lightroom;

/// <summary>
/// Walks a JPEG's marker segments to find where it really ends. Carving "from FF D8 to the next FF D9" is wrong
/// whenever a JPEG embeds a thumbnail; following segment lengths and the entropy-coded data is not.
/// </summary>
internal static class JpegStructure
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    public static bool StartsAt(ReadOnlySpan<byte> bytes, int offset) =>
        offset + 3 <= bytes.Length && bytes[offset] == Marker && bytes[offset + 1] == StartOfImage && bytes[offset + 2] == Marker;

    /// <summary>
    /// The offset just past the JPEG starting at <paramref name="start"/> (its EOI included), and whether an EOI was
    /// found; without one, <c>End</c> is where the structure stopped making sense (or the end of the bytes).
    /// </summary>
    public static (int End, bool HasEndMarker, bool HasScan) Measure(ReadOnlySpan<byte> bytes, int start)
    {
        if (!StartsAt(bytes, start))
        {
            return (start, false, false);
        }
        var position = start + 2;
        var sawScan = false;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] != Marker)
            {
                return (position, false, sawScan);
            }
            var marker = bytes[position + 1];
            if (marker == Marker)
            {
                position++; // fill byte
                continue;
            }
            if (marker == EndOfImage)
            {
                return (position + 2, true, sawScan);
            }
            if (marker == StartOfImage)
            {
                return (position, false, sawScan); // the next JPEG begins: this one was cut short
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                position += 2; // markers without a length
                continue;
            }
            if (position + 3 >= bytes.Length)
            {
                return (bytes.Length, false, sawScan);
            }
            var length = (bytes[position + 2] << 8) | bytes[position + 3];
            if (length < 2)
            {
                return (position, false, sawScan);
            }
            position += 2 + length;
            if (marker == StartOfScan)
            {
                sawScan = true;
                position = SkipEntropyCodedData(bytes, position);
            }
        }
        return (Math.Min(position, bytes.Length), false, sawScan);
    }

    /// <summary>The whole JPEG, with an EOI appended when it lacks one (some pyramid levels are stored without it).</summary>
    public static byte[] WithEndMarker(ReadOnlySpan<byte> jpeg, out bool appended)
    {
        var (end, hasEnd, _) = Measure(jpeg, 0);
        appended = !hasEnd;
        if (hasEnd)
        {
            return jpeg[..end].ToArray();
        }
        var fixedJpeg = new byte[end + 2];
        jpeg[..end].CopyTo(fixedJpeg);
        fixedJpeg[end] = Marker;
        fixedJpeg[end + 1] = EndOfImage;
        return fixedJpeg;
    }

    /// <summary>
    /// Every JPEG found in <paramref name="bytes"/> from <paramref name="from"/> on, each made whole, in file order;
    /// with <paramref name="onlyComplete"/>, only those that end with their own EOI.
    /// </summary>
    public static List<byte[]> Carve(ReadOnlySpan<byte> bytes, int from, bool onlyComplete)
    {
        var found = new List<byte[]>();
        var position = from;
        while (position < bytes.Length)
        {
            var start = bytes[position..].IndexOf([Marker, StartOfImage, Marker]);
            if (start < 0)
            {
                break;
            }
            start += position;
            var (end, hasEnd, hasScan) = Measure(bytes, start);
            if (hasScan && (hasEnd || !onlyComplete))
            {
                found.Add(WithEndMarker(bytes[start..end], out _));
                position = end;
            }
            else
            {
                position = start + 2;
            }
        }
        return found;
    }

    // Inside a scan, FF is always followed by 00 (a stuffed byte) or a restart marker, until the next real marker.
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> bytes, int position)
    {
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] == Marker)
            {
                var next = bytes[position + 1];
                if (next != 0 && next is not (>= 0xD0 and <= 0xD7) && next != Marker)
                {
                    return position;
                }
                position += next == Marker ? 1 : 2;
                continue;
            }
            position++;
        }
        return bytes.Length;
    }
}
