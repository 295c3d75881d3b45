using System.Buffers.Binary;
using System.Text;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// Camera raw files built around a JPEG, shaped as cameras write them (the sensor data is a few stand-in bytes):
/// DNG with a preview IFD, CR2 with its JPEG in IFD0's strip, NEF with JpgFromRaw in a SubIFD, CR3 with a PRVW box
/// and CMT boxes, RAF with its header's JPEG. Shared by the tests and the bench.
/// </summary>
public static class RawContainers
{
    public static readonly byte[] SensorData = Encoding.ASCII.GetBytes("<sensor data stands in here>");

    public sealed record Shot(string Make, string Model, DateTime TakenAt, int Orientation = 1, string? Lens = null, (double Lat, double Lon)? Place = null);

    public static byte[] Dng(byte[] jpeg, int width, int height, Shot shot)
    {
        var raw = new TiffDir().Longs(0x00FE, 0).Longs(0x0100, 4000).Longs(0x0101, 3000).Shorts(0x0103, 7).Shorts(0x0106, 32803).Strip(SensorData);
        var preview = new TiffDir().Longs(0x00FE, 1).Longs(0x0100, (uint)width).Longs(0x0101, (uint)height).Shorts(0x0103, 7).Shorts(0x0106, 6).Strip(jpeg);
        var ifd0 = Camera(new TiffDir().Longs(0x00FE, 1).Longs(0x0100, 1).Longs(0x0101, 1).Shorts(0x0103, 1), shot)
            .Bytes(0xC612, 1, [1, 4, 0, 0]).Dirs(0x014A, raw, preview);
        return TiffDir.Build(ifd0);
    }

    public static byte[] Cr2(byte[] jpeg, int width, int height, Shot shot)
    {
        var ifd3 = new TiffDir().Shorts(0x0103, 6).Strip(SensorData);
        var ifd0 = Camera(new TiffDir().Shorts(0x0100, (ushort)width).Shorts(0x0101, (ushort)height).Shorts(0x0103, 6), shot).Strip(jpeg);
        ifd0.Next = ifd3;
        // "CR", version 2.0 and IFD3's offset follow the TIFF header.
        return TiffDir.Build(ifd0, extraHeader: [(byte)'C', (byte)'R', 2, 0, 0, 0, 0, 0]);
    }

    public static byte[] Nef(byte[] jpeg, Shot shot)
    {
        var jpgFromRaw = new TiffDir().Longs(0x00FE, 1).Shorts(0x0103, 6).Jpeg(jpeg);
        var raw = new TiffDir().Longs(0x00FE, 0).Shorts(0x0103, 34713).Shorts(0x0106, 32803).Strip(SensorData);
        var ifd0 = Camera(new TiffDir().Longs(0x00FE, 1).Longs(0x0100, 1).Longs(0x0101, 1).Shorts(0x0103, 1), shot).Dirs(0x014A, jpgFromRaw, raw);
        return TiffDir.Build(ifd0);
    }

    public static byte[] Cr3(byte[] jpeg, int width, int height, Shot shot)
    {
        var cmt1 = TiffDir.Build(new TiffDir().Ascii(0x010F, shot.Make).Ascii(0x0110, shot.Model).Shorts(0x0112, (ushort)shot.Orientation));
        var cmt2 = TiffDir.Build(ExifTags(new TiffDir(), shot));
        var canon = Box("uuid", [.. Convert.FromHexString("85C0B687820F11E08111F4CE462B6A48"), .. Box("CMT1", cmt1), .. Box("CMT2", cmt2)]);
        var prvwHeader = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(prvwHeader.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(prvwHeader.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16BigEndian(prvwHeader.AsSpan(8), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(prvwHeader.AsSpan(10), 1);
        BinaryPrimitives.WriteUInt32BigEndian(prvwHeader.AsSpan(12), (uint)jpeg.Length);
        var preview = Box("uuid", [.. Convert.FromHexString("EAF42B5E1C984B88B9FBB7DC406E4D16"), .. new byte[8], .. Box("PRVW", [.. prvwHeader, .. jpeg])]);
        byte[] ftyp = [.. "crx "u8, 0, 0, 0, 1, .. "crx isom"u8];
        return [.. Box("ftyp", ftyp), .. Box("moov", canon), .. preview, .. Box("mdat", SensorData)];
    }

    /// <summary>A RAF keeps the camera's EXIF in its JPEG, so the JPEG given should carry it.</summary>
    public static byte[] Raf(byte[] jpeg, string model)
    {
        const int JpegAt = 148;
        var header = new byte[JpegAt];
        "FUJIFILMCCD-RAW 0201FF383501"u8.CopyTo(header);
        Encoding.ASCII.GetBytes(model).CopyTo(header, 28);
        "0100"u8.CopyTo(header.AsSpan(60));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(84), JpegAt);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(88), (uint)jpeg.Length);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(100), (uint)(JpegAt + jpeg.Length));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(104), (uint)SensorData.Length);
        return [.. header, .. jpeg, .. SensorData];
    }

    private static TiffDir Camera(TiffDir ifd0, Shot shot)
    {
        ifd0.Ascii(0x010F, shot.Make).Ascii(0x0110, shot.Model).Shorts(0x0112, (ushort)shot.Orientation)
            .Ascii(0x0132, shot.TakenAt.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
            .Dirs(0x8769, ExifTags(new TiffDir(), shot));
        if (shot.Place is { } place)
        {
            ifd0.Dirs(0x8825, new TiffDir().Bytes(0x0000, 1, [2, 3, 0, 0])
                .Ascii(0x0001, place.Lat >= 0 ? "N" : "S").Rational(0x0002, Degrees(place.Lat))
                .Ascii(0x0003, place.Lon >= 0 ? "E" : "W").Rational(0x0004, Degrees(place.Lon)));
        }
        return ifd0;
    }

    private static TiffDir ExifTags(TiffDir exif, Shot shot)
    {
        exif.Ascii(0x9003, shot.TakenAt.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        return shot.Lens is { } lens ? exif.Ascii(0xA434, lens) : exif;
    }

    private static (uint, uint)[] Degrees(double value)
    {
        var abs = Math.Abs(value);
        var degrees = Math.Floor(abs);
        var minutes = Math.Floor((abs - degrees) * 60);
        var seconds = (abs - degrees - (minutes / 60)) * 3600;
        return [((uint)degrees, 1), ((uint)minutes, 1), ((uint)Math.Round(seconds * 1000), 1000)];
    }

    public static byte[] Box(string type, byte[] payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box, 8);
        return box;
    }
}

/// <summary>
/// A little-endian TIFF IFD for building test files: entries by tag, pointers to other IFDs and to data blocks
/// (strips, JPEGs) resolved when the file is laid out.
/// </summary>
public sealed class TiffDir
{
    private readonly SortedDictionary<ushort, (ushort Type, uint Count, Func<Func<object, uint>, byte[]> Value)> _entries = [];
    private readonly List<object> _children = [];

    public TiffDir? Next { get; set; }

    public TiffDir Shorts(ushort tag, params ushort[] values) =>
        Add(tag, 3, (uint)values.Length, _ => [.. values.SelectMany(v => BitConverter.GetBytes(v))]);

    public TiffDir Longs(ushort tag, params uint[] values) =>
        Add(tag, 4, (uint)values.Length, _ => [.. values.SelectMany(v => BitConverter.GetBytes(v))]);

    public TiffDir Ascii(ushort tag, string text)
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes(text), 0];
        return Add(tag, 2, (uint)bytes.Length, _ => bytes);
    }

    public TiffDir Bytes(ushort tag, ushort type, byte[] bytes) => Add(tag, type, (uint)bytes.Length, _ => bytes);

    public TiffDir Rational(ushort tag, params (uint Numerator, uint Denominator)[] values) =>
        Add(tag, 5, (uint)values.Length, _ => [.. values.SelectMany(v => BitConverter.GetBytes(v.Numerator).Concat(BitConverter.GetBytes(v.Denominator)))]);

    /// <summary>Signed rationals, each given as a double over 10,000 (DNG's colour matrices).</summary>
    public TiffDir SRationals(ushort tag, params double[] values) =>
        Add(tag, 10, (uint)values.Length, _ => [.. values.SelectMany(v => BitConverter.GetBytes((int)Math.Round(v * 10_000)).Concat(BitConverter.GetBytes(10_000)))]);

    /// <summary>One strip holding <paramref name="data"/>: StripOffsets and StripByteCounts.</summary>
    public TiffDir Strip(byte[] data) => Pointer(0x0111, data).Longs(0x0117, (uint)data.Length);

    /// <summary>JPEGInterchangeFormat and its length.</summary>
    public TiffDir Jpeg(byte[] data) => Pointer(0x0201, data).Longs(0x0202, (uint)data.Length);

    /// <summary>An UNDEFINED value stored apart (RW2's JpgFromRaw).</summary>
    public TiffDir Embedded(ushort tag, byte[] data)
    {
        _children.Add(data);
        return Add(tag, 7, (uint)data.Length, at => BitConverter.GetBytes(at(data)));
    }

    public TiffDir Dirs(ushort tag, params TiffDir[] dirs)
    {
        _children.AddRange(dirs);
        return Add(tag, 4, (uint)dirs.Length, at => [.. dirs.SelectMany(d => BitConverter.GetBytes(at(d)))]);
    }

    private TiffDir Pointer(ushort tag, byte[] data)
    {
        _children.Add(data);
        return Add(tag, 4, 1, at => BitConverter.GetBytes(at(data)));
    }

    private TiffDir Add(ushort tag, ushort type, uint count, Func<Func<object, uint>, byte[]> value)
    {
        _entries[tag] = (type, count, value);
        return this;
    }

    /// <summary>"II*\0", IFD0's offset, <paramref name="extraHeader"/>, then every IFD and data block.</summary>
    public static byte[] Build(TiffDir ifd0, byte[]? extraHeader = null)
    {
        var positions = new Dictionary<object, uint>(ReferenceEqualityComparer.Instance);
        byte[] bytes = [];
        for (var pass = 0; pass < 2; pass++)
        {
            using var stream = new MemoryStream();
            stream.Write("II*\0"u8);
            stream.Write(new byte[4]);
            stream.Write(extraHeader ?? []);
            var order = new List<object>();
            Collect(ifd0, order);
            uint At(object target) => positions.GetValueOrDefault(target);
            foreach (var item in order)
            {
                if (stream.Position % 2 == 1)
                {
                    stream.WriteByte(0);
                }
                positions[item] = (uint)stream.Position;
                if (item is TiffDir dir)
                {
                    dir.Write(stream, At);
                }
                else
                {
                    stream.Write((byte[])item);
                }
            }
            bytes = stream.ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), positions[ifd0]);
        }
        return bytes;
    }

    // IFDs first (so IFD0 sits near the start, as cameras write it), data blocks after them.
    private static void Collect(TiffDir root, List<object> order)
    {
        var dirs = new List<TiffDir>();
        var blocks = new List<object>();
        void Visit(TiffDir dir)
        {
            if (dirs.Contains(dir))
            {
                return;
            }
            dirs.Add(dir);
            foreach (var child in dir._children)
            {
                if (child is TiffDir sub)
                {
                    Visit(sub);
                }
                else if (!blocks.Contains(child))
                {
                    blocks.Add(child);
                }
            }
            if (dir.Next is { } next)
            {
                Visit(next);
            }
        }
        Visit(root);
        order.AddRange(dirs);
        order.AddRange(blocks);
    }

    private void Write(MemoryStream stream, Func<object, uint> at)
    {
        var start = (uint)stream.Position;
        var dataAt = start + 2 + (12 * (uint)_entries.Count) + 4;
        var data = new MemoryStream();
        stream.Write(BitConverter.GetBytes((ushort)_entries.Count));
        foreach (var (tag, (type, count, value)) in _entries)
        {
            var bytes = value(at);
            stream.Write(BitConverter.GetBytes(tag));
            stream.Write(BitConverter.GetBytes(type));
            stream.Write(BitConverter.GetBytes(count));
            if (bytes.Length <= 4)
            {
                stream.Write([.. bytes, .. new byte[4 - bytes.Length]]);
            }
            else
            {
                stream.Write(BitConverter.GetBytes(dataAt + (uint)data.Length));
                data.Write(bytes);
                if (data.Length % 2 == 1)
                {
                    data.WriteByte(0);
                }
            }
        }
        stream.Write(BitConverter.GetBytes(Next is null ? 0u : at(Next)));
        data.WriteTo(stream);
    }
}
