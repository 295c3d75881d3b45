using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// Puts an EXIF block and an XMP packet into a JPEG as APP1 segments. Written here rather than through libvips'
/// "exif-data" field because libvips rewrites EXIF it is given (from its own fields), and the bytes written
/// should be exactly what the catalog said.
/// </summary>
internal static class JpegMetadataWriter
{
    private const int MaxSegmentPayload = 65533;
    private static readonly byte[] ExifHeader = "Exif\0\0"u8.ToArray();
    private static readonly byte[] XmpHeader = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();

    private static readonly XNamespace X = "adobe:ns:meta/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Lr = "http://ns.adobe.com/lightroom/1.0/";
    private static readonly XNamespace Xml = XNamespace.Xml;

    /// <summary><paramref name="jpeg"/> with the metadata's EXIF (orientation 1 included) and XMP segments added after its start.</summary>
    public static byte[] Embed(byte[] jpeg, PreviewMetadata metadata)
    {
        var segments = new List<byte[]> { Segment(ExifHeader, Exif(metadata)) };
        if (Xmp(metadata) is { } xmp)
        {
            var packet = Encoding.UTF8.GetBytes(xmp);
            if (XmpHeader.Length + packet.Length > MaxSegmentPayload)
            {
                throw new LightroomPreviewException($"the keywords, caption and title take {packet.Length:N0} bytes of XMP, more than one JPEG segment holds");
            }
            segments.Add(Segment(XmpHeader, packet));
        }
        // After SOI, and after a JFIF APP0 when there is one, since JFIF readers expect it first.
        var insertAt = 2;
        if (jpeg.Length > 6 && jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            insertAt = 4 + ((jpeg[4] << 8) | jpeg[5]);
        }
        using var output = new MemoryStream(jpeg.Length + segments.Sum(s => s.Length));
        output.Write(jpeg, 0, insertAt);
        foreach (var segment in segments)
        {
            output.Write(segment);
        }
        output.Write(jpeg, insertAt, jpeg.Length - insertAt);
        return output.ToArray();
    }

    private static byte[] Segment(byte[] header, byte[] payload)
    {
        var length = 2 + header.Length + payload.Length;
        var segment = new byte[2 + length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)length);
        header.CopyTo(segment, 4);
        payload.CopyTo(segment, 4 + header.Length);
        return segment;
    }

    // A big-endian TIFF: IFD0 (description when plain ASCII, orientation 1, the EXIF pointer), then the EXIF IFD.
    private static byte[] Exif(PreviewMetadata metadata)
    {
        var ifd0 = new List<TiffEntry>();
        if (metadata.Caption is { Length: > 0 } caption && caption.All(char.IsAscii) && !caption.Any(char.IsControl))
        {
            ifd0.Add(TiffEntry.Ascii(0x010E, caption)); // ImageDescription
        }
        ifd0.Add(TiffEntry.Short(0x0112, 1)); // Orientation: the pixels are upright now
        var exifPointer = TiffEntry.Long(0x8769, 0); // filled in below
        ifd0.Add(exifPointer);
        var exif = new List<TiffEntry> { TiffEntry.Undefined(0x9000, "0232"u8.ToArray()) }; // ExifVersion
        if (metadata.TakenAt is { } taken)
        {
            exif.Add(TiffEntry.Ascii(0x9003, taken.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture))); // DateTimeOriginal
        }
        const int TiffHeaderLength = 8;
        var exifOffset = TiffHeaderLength + IfdLength(ifd0);
        ifd0[^1] = TiffEntry.Long(0x8769, (uint)exifOffset);
        using var tiff = new MemoryStream();
        tiff.Write("MM\0\x2A"u8);
        tiff.Write([0, 0, 0, TiffHeaderLength]);
        WriteIfd(tiff, ifd0);
        WriteIfd(tiff, exif);
        return tiff.ToArray();
    }

    private static int IfdLength(List<TiffEntry> entries) => 2 + 12 * entries.Count + 4 + entries.Sum(e => e.OutOfLineLength);

    // Entries, the next-IFD link (none), then the values too long to sit in their entry.
    private static void WriteIfd(MemoryStream tiff, List<TiffEntry> entries)
    {
        var start = (int)tiff.Length;
        var dataOffset = start + 2 + 12 * entries.Count + 4;
        Span<byte> field = stackalloc byte[12];
        tiff.Write([(byte)(entries.Count >> 8), (byte)entries.Count]);
        foreach (var entry in entries.OrderBy(e => e.Tag))
        {
            field.Clear();
            BinaryPrimitives.WriteUInt16BigEndian(field, entry.Tag);
            BinaryPrimitives.WriteUInt16BigEndian(field[2..], entry.Type);
            BinaryPrimitives.WriteUInt32BigEndian(field[4..], entry.Count);
            if (entry.Value.Length <= 4)
            {
                entry.Value.CopyTo(field[8..]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(field[8..], (uint)dataOffset);
                dataOffset += entry.OutOfLineLength;
            }
            tiff.Write(field);
        }
        tiff.Write([0, 0, 0, 0]);
        foreach (var entry in entries.OrderBy(e => e.Tag).Where(e => e.Value.Length > 4))
        {
            tiff.Write(entry.Value);
            if (entry.Value.Length % 2 == 1)
            {
                tiff.WriteByte(0); // values start on word boundaries
            }
        }
    }

    private static string? Xmp(PreviewMetadata metadata)
    {
        var keywords = metadata.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var description = new XElement(Rdf + "Description", new XAttribute(Rdf + "about", ""));
        if (keywords.Count > 0)
        {
            var leaves = keywords.Select(k => k.Split('|')[^1].Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal);
            description.Add(new XElement(Dc + "subject", Bag(leaves)));
            if (keywords.Any(k => k.Contains('|', StringComparison.Ordinal)))
            {
                description.Add(new XElement(Lr + "hierarchicalSubject", Bag(keywords)));
            }
        }
        if (!string.IsNullOrWhiteSpace(metadata.Title))
        {
            description.Add(new XElement(Dc + "title", Alt(metadata.Title)));
        }
        if (!string.IsNullOrWhiteSpace(metadata.Caption))
        {
            description.Add(new XElement(Dc + "description", Alt(metadata.Caption)));
        }
        if (!description.HasElements)
        {
            return null;
        }
        var meta = new XElement(X + "xmpmeta",
            new XAttribute(XNamespace.Xmlns + "x", X.NamespaceName),
            new XElement(Rdf + "RDF",
                new XAttribute(XNamespace.Xmlns + "rdf", Rdf.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dc", Dc.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "lr", Lr.NamespaceName),
                description));
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" + meta.ToString(SaveOptions.DisableFormatting) + "\n<?xpacket end=\"w\"?>";
    }

    private static XElement Bag(IEnumerable<string> items) => new(Rdf + "Bag", items.Select(i => new XElement(Rdf + "li", i)));

    private static XElement Alt(string text) => new(Rdf + "Alt", new XElement(Rdf + "li", new XAttribute(Xml + "lang", "x-default"), text));

    private sealed record TiffEntry(ushort Tag, ushort Type, uint Count, byte[] Value)
    {
        public int OutOfLineLength => Value.Length <= 4 ? 0 : Value.Length + Value.Length % 2;

        public static TiffEntry Ascii(ushort tag, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text + "\0");
            return new TiffEntry(tag, 2, (uint)bytes.Length, bytes);
        }

        public static TiffEntry Short(ushort tag, ushort value) => new(tag, 3, 1, [(byte)(value >> 8), (byte)value, 0, 0]);

        public static TiffEntry Long(ushort tag, uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            return new TiffEntry(tag, 4, 1, bytes);
        }

        public static TiffEntry Undefined(ushort tag, byte[] value) => new(tag, 7, (uint)value.Length, value);
    }
}
