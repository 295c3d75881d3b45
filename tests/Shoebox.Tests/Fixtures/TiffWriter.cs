using System.Buffers.Binary;
using System.Text;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A little-endian TIFF: IFD0, an optional EXIF IFD, the values too long for an entry, then the image data. Enough
/// for the DNGs and EXIF blocks the tests build; strip offsets are filled in once the layout is known.
/// </summary>
internal sealed class TiffWriter
{
    private const ushort Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5, SRational = 10;
    private const ushort StripOffsets = 273, ExifIfd = 34665;

    private readonly SortedDictionary<ushort, (ushort Type, int Count, byte[] Value)> _main = [];
    private readonly SortedDictionary<ushort, (ushort Type, int Count, byte[] Value)> _exif = [];
    private byte[] _image = [];

    public TiffWriter Bytes(ushort tag, params byte[] values) => Put(_main, tag, Byte, values.Length, values);

    public TiffWriter Text(ushort tag, string value, bool exif = false) =>
        Put(exif ? _exif : _main, tag, Ascii, Encoding.ASCII.GetByteCount(value) + 1, [.. Encoding.ASCII.GetBytes(value), 0]);

    public TiffWriter Shorts(ushort tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }
        return Put(_main, tag, Short, values.Length, bytes);
    }

    public TiffWriter Longs(ushort tag, params uint[] values) => Put(_main, tag, Long, values.Length, Pack(values.Select(v => (int)v)));

    /// <summary>Rationals (signed when <paramref name="signed"/>), each given as a double with a denominator of 10,000.</summary>
    public TiffWriter Rationals(ushort tag, bool signed, params double[] values) =>
        Put(_main, tag, signed ? SRational : Rational, values.Length,
            Pack(values.SelectMany(v => new[] { (int)Math.Round(v * 10_000), 10_000 })));

    /// <summary>The pixel data as one strip (offsets and byte count are written for it).</summary>
    public TiffWriter Image(byte[] data)
    {
        _image = data;
        Longs(279, (uint)data.Length);
        return Longs(StripOffsets, 0);
    }

    public byte[] ToArray()
    {
        if (_exif.Count > 0)
        {
            Longs(ExifIfd, 0);
        }
        var mainAt = 8;
        var exifAt = mainAt + IfdLength(_main);
        var valuesAt = exifAt + (_exif.Count > 0 ? IfdLength(_exif) : 0);
        var values = new MemoryStream();
        var main = Ifd(_main, valuesAt, values);
        var exif = _exif.Count > 0 ? Ifd(_exif, valuesAt, values) : [];
        var imageAt = valuesAt + (int)values.Length;
        Patch(main, StripOffsets, imageAt);
        Patch(main, ExifIfd, exifAt);
        var file = new MemoryStream();
        file.Write("II*\0"u8);
        file.Write(Pack([mainAt]));
        file.Write(main);
        file.Write(exif);
        values.WriteTo(file);
        file.Write(_image);
        return file.ToArray();
    }

    private static int IfdLength(SortedDictionary<ushort, (ushort, int, byte[])> entries) => 2 + (entries.Count * 12) + 4;

    // Entries whose value does not fit in four bytes point into the shared values area, which starts at valuesAt.
    private static byte[] Ifd(SortedDictionary<ushort, (ushort Type, int Count, byte[] Value)> entries, int valuesAt, MemoryStream values)
    {
        var ifd = new byte[IfdLength(entries)];
        BinaryPrimitives.WriteUInt16LittleEndian(ifd, (ushort)entries.Count);
        var at = 2;
        foreach (var (tag, (type, count, value)) in entries)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(ifd.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(ifd.AsSpan(at + 2), type);
            BinaryPrimitives.WriteInt32LittleEndian(ifd.AsSpan(at + 4), count);
            if (value.Length <= 4)
            {
                value.CopyTo(ifd.AsSpan(at + 8));
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(ifd.AsSpan(at + 8), valuesAt + (int)values.Length);
                values.Write(value);
                if (values.Length % 2 == 1)
                {
                    values.WriteByte(0);
                }
            }
            at += 12;
        }
        return ifd;
    }

    private static void Patch(byte[] ifd, ushort tag, int value)
    {
        for (var at = 2; at < ifd.Length - 4; at += 12)
        {
            if (BinaryPrimitives.ReadUInt16LittleEndian(ifd.AsSpan(at)) == tag)
            {
                BinaryPrimitives.WriteInt32LittleEndian(ifd.AsSpan(at + 8), value);
            }
        }
    }

    private TiffWriter Put(SortedDictionary<ushort, (ushort, int, byte[])> entries, ushort tag, ushort type, int count, byte[] value)
    {
        entries[tag] = (type, count, value);
        return this;
    }

    private static byte[] Pack(IEnumerable<int> values)
    {
        var list = values.ToList();
        var bytes = new byte[list.Count * 4];
        for (var i = 0; i < list.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), list[i]);
        }
        return bytes;
    }
}
