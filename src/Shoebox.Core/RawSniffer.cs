using System.Buffers.Binary;

namespace Shoebox.Core;

/// <summary>
/// Tells camera raw files apart by their first bytes. Most raws are TIFF files: a few carry a magic of their own
/// (ORF, RW2, CR2, IIQ), the rest only say who made them in IFD0 (Make, DNGVersion). A TIFF from a camera or a scanner
/// that is a plain picture stays TIFF: a raw keeps its sensor data out of IFD0's way (SubIFDs, a reduced-size IFD0,
/// colour-filter data, a maker's own compression), which a plain TIFF never does.
/// </summary>
internal static class RawSniffer
{
    private const ushort TagNewSubFileType = 0x00FE;
    private const ushort TagCompression = 0x0103;
    private const ushort TagPhotometric = 0x0106;
    private const ushort TagMake = 0x010F;
    private const ushort TagSubIfds = 0x014A;
    private const ushort TagDngVersion = 0xC612;
    private const ushort ColourFilterArray = 32803;
    private const ushort FirstPrivateCompression = 32767;

    public static ImageFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 15 && header[6..14].SequenceEqual("HEAPCCDR"u8))
        {
            return ImageFormat.Crw;
        }
        if (header.StartsWith("FUJIFILMCCD-RAW"u8))
        {
            return ImageFormat.Raf;
        }
        if (header.StartsWith("\0MRM"u8))
        {
            return ImageFormat.Mrw;
        }
        if (header.StartsWith("FOVb"u8))
        {
            return ImageFormat.X3f;
        }
        if (header.StartsWith("IIRO"u8) || header.StartsWith("IIRS"u8) || header.StartsWith("MMOR"u8))
        {
            return ImageFormat.Orf;
        }
        return header.StartsWith("IIU\0"u8) ? ImageFormat.Rw2 : null;
    }

    /// <summary>The raw format of a file that starts as a TIFF, or null for a plain TIFF.</summary>
    public static ImageFormat? DetectTiff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && header[8..12].SequenceEqual("IIII"u8))
        {
            return ImageFormat.Iiq;
        }
        var ifd = new Ifd0(header);
        if (ifd.Has(TagDngVersion))
        {
            return ImageFormat.Dng;
        }
        if (header.Length >= 10 && header[8] == (byte)'C' && header[9] == (byte)'R')
        {
            return ImageFormat.Cr2;
        }
        var make = ifd.Text(TagMake)?.ToUpperInvariant() ?? "";
        var keepsSensorDataApart = ifd.Has(TagSubIfds) || ifd.Number(TagNewSubFileType) == 1
            || ifd.Number(TagPhotometric) == ColourFilterArray || ifd.Number(TagCompression) >= FirstPrivateCompression;
        if (!keepsSensorDataApart)
        {
            return null;
        }
        return make switch
        {
            _ when make.StartsWith("NIKON", StringComparison.Ordinal) => ImageFormat.Nef,
            _ when make.StartsWith("SONY", StringComparison.Ordinal) => ImageFormat.Arw,
            _ when make.StartsWith("PENTAX", StringComparison.Ordinal) || make.StartsWith("RICOH IMAGING", StringComparison.Ordinal) => ImageFormat.Pef,
            _ when make.StartsWith("SAMSUNG", StringComparison.Ordinal) => ImageFormat.Srw,
            _ when make.StartsWith("HASSELBLAD", StringComparison.Ordinal) => ImageFormat.Hasselblad3fr,
            _ when make.StartsWith("PHASE ONE", StringComparison.Ordinal) || make.StartsWith("LEAF", StringComparison.Ordinal) => ImageFormat.Iiq,
            _ when make.StartsWith("CANON", StringComparison.Ordinal) => ImageFormat.Cr2,
            _ => null,
        };
    }

    /// <summary>IFD0 of a TIFF as far as the header holds it; tags or values beyond it read as absent.</summary>
    private readonly ref struct Ifd0
    {
        private readonly ReadOnlySpan<byte> _header;
        private readonly bool _little;
        private readonly int _offset;
        private readonly int _count;

        public Ifd0(ReadOnlySpan<byte> header)
        {
            _header = header;
            _little = header.Length >= 2 && header[0] == (byte)'I';
            var offset = header.Length >= 8 ? U32(header[4..8]) : 0;
            _offset = offset is >= 8 and < int.MaxValue ? (int)offset : 0;
            _count = _offset > 0 && _offset + 2 <= header.Length ? U16(header.Slice(_offset, 2)) : 0;
        }

        public bool Has(ushort tag) => Entry(tag) >= 0;

        public uint? Number(ushort tag)
        {
            var entry = Entry(tag);
            if (entry < 0)
            {
                return null;
            }
            var type = U16(_header.Slice(entry + 2, 2));
            return type switch
            {
                3 => U16(_header.Slice(entry + 8, 2)),
                4 => U32(_header.Slice(entry + 8, 4)),
                _ => null,
            };
        }

        public string? Text(ushort tag)
        {
            var entry = Entry(tag);
            if (entry < 0 || U16(_header.Slice(entry + 2, 2)) != 2)
            {
                return null;
            }
            var count = U32(_header.Slice(entry + 4, 4));
            var start = count <= 4 ? (uint)(entry + 8) : U32(_header.Slice(entry + 8, 4));
            if (count == 0 || count > 256 || start + count > (uint)_header.Length)
            {
                return null;
            }
            var text = _header.Slice((int)start, (int)count);
            var end = text.IndexOf((byte)0);
            return System.Text.Encoding.ASCII.GetString(end < 0 ? text : text[..end]).Trim();
        }

        // The byte position of the tag's 12-byte entry, or -1.
        private int Entry(ushort tag)
        {
            for (var i = 0; i < _count; i++)
            {
                var entry = _offset + 2 + (12 * i);
                if (entry + 12 > _header.Length)
                {
                    return -1;
                }
                if (U16(_header.Slice(entry, 2)) == tag)
                {
                    return entry;
                }
            }
            return -1;
        }

        private ushort U16(ReadOnlySpan<byte> bytes) => _little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

        private uint U32(ReadOnlySpan<byte> bytes) => _little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
