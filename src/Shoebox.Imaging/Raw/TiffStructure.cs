using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>One IFD's entries, values read on demand from the file.</summary>
internal sealed class TiffIfd(TiffStructure owner, string name, Dictionary<ushort, TiffEntry> entries)
{
    public string Name { get; } = name;

    public bool Has(ushort tag) => entries.ContainsKey(tag);

    /// <summary>The first value of a SHORT or LONG tag.</summary>
    public uint? Number(ushort tag) => Numbers(tag, 1) is [var first, ..] ? first : null;

    /// <summary>Up to <paramref name="max"/> values of a SHORT or LONG (or IFD) tag.</summary>
    public uint[] Numbers(ushort tag, int max) =>
        entries.TryGetValue(tag, out var entry) && entry.Type is 3 or 4 or 13 ? owner.Numbers(entry, max) : [];

    /// <summary>Where an UNDEFINED or BYTE value lies in the file, and its length (RW2 keeps its JPEG so).</summary>
    public (long Offset, long Length)? Blob(ushort tag) =>
        entries.TryGetValue(tag, out var entry) && entry.Type is 1 or 7 && entry.Count > 4
            ? (owner.Base + entry.Value, entry.Count)
            : null;
}

internal readonly record struct TiffEntry(ushort Type, uint Count, uint Value, long ValueAt);

/// <summary>
/// The IFDs of a TIFF-shaped structure (a TIFF raw, a TIFF inside a CR3 box or a JPEG's EXIF), read from their
/// headers only: IFD0 and the IFDs chained after it, SubIFDs and the EXIF IFD. Offsets count from
/// <see cref="Base"/>. A damaged file cannot loop it (each IFD is read once) nor make it read far (a few dozen
/// IFDs of at most a few thousand entries).
/// </summary>
internal sealed class TiffStructure
{
    private const ushort TagSubIfds = 0x014A;
    private const ushort TagExifIfd = 0x8769;
    private const int MaxIfds = 64;
    private const int MaxEntries = 4096;

    private static readonly int[] TypeSizes = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8];

    private readonly RawFile _file;
    private readonly long _end;

    private TiffStructure(RawFile file, long @base, long end, bool bigEndian)
    {
        _file = file;
        Base = @base;
        _end = end;
        BigEndian = bigEndian;
    }

    public long Base { get; }

    public bool BigEndian { get; }

    /// <summary>IFD0 first, then the others in the order found.</summary>
    public List<TiffIfd> Ifds { get; } = [];

    /// <summary>IFDs after IFD0 that could not be read, with why: the rest of the file may still serve.</summary>
    public List<string> Problems { get; } = [];

    public static TiffStructure Read(RawFile file, long @base, long end, bool ifd0Only = false)
    {
        var header = file.Read(@base, 8, "TIFF header");
        var bigEndian = header[0] == (byte)'M';
        if (!(header[0] == header[1] && header[0] is (byte)'I' or (byte)'M'))
        {
            throw new BadImageException($"damaged raw file: no TIFF header at {@base}");
        }
        var tiff = new TiffStructure(file, @base, end, bigEndian);
        var first = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) : BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        tiff.Walk(first, ifd0Only);
        return tiff;
    }

    private void Walk(uint first, bool ifd0Only)
    {
        var visited = new HashSet<uint>();
        var pending = new Queue<(uint Offset, string Name, bool Chained)>();
        pending.Enqueue((first, "IFD0", true));
        var chained = 0;
        while (pending.TryDequeue(out var next))
        {
            if (next.Offset == 0 || !visited.Add(next.Offset))
            {
                continue; // an IFD named twice (a loop in a damaged file) is read once
            }
            if (Ifds.Count >= MaxIfds)
            {
                Problems.Add($"more than {MaxIfds} IFDs; the rest were not read");
                return;
            }
            TiffIfd ifd;
            uint following;
            try
            {
                (ifd, following) = ReadIfd(next.Offset, next.Name);
            }
            catch (BadImageException e) when (Ifds.Count > 0)
            {
                Problems.Add(e.Message);
                continue;
            }
            Ifds.Add(ifd);
            if (ifd0Only)
            {
                return;
            }
            foreach (var sub in ifd.Numbers(TagSubIfds, MaxIfds))
            {
                pending.Enqueue((sub, $"{next.Name} SubIFD", false));
            }
            if (ifd.Number(TagExifIfd) is { } exif)
            {
                pending.Enqueue((exif, "EXIF IFD", false));
            }
            if (next.Chained)
            {
                pending.Enqueue((following, $"IFD{++chained}", true));
            }
        }
    }

    private (TiffIfd Ifd, uint Next) ReadIfd(uint offset, string name)
    {
        var at = Base + offset;
        if (at + 2 > _end)
        {
            throw new BadImageException($"damaged raw file: {name} at {offset} lies past the end");
        }
        var count = U16(_file.Read(at, 2, name));
        if (count > MaxEntries)
        {
            throw new BadImageException($"damaged raw file: {name} claims {count} entries");
        }
        var size = (12 * count) + 4;
        var bytes = at + 2 + size <= _end ? _file.Read(at + 2, size, name) : throw new BadImageException($"damaged raw file: {name} at {offset} is cut short");
        var entries = new Dictionary<ushort, TiffEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = bytes.AsSpan(12 * i, 12);
            var type = U16(entry[2..]);
            var valueCount = U32(entry[4..]);
            var width = type < TypeSizes.Length ? TypeSizes[type] : 0;
            var inline = (long)width * valueCount <= 4;
            entries.TryAdd(U16(entry), new TiffEntry(type, valueCount, U32(entry[8..]), inline ? at + 2 + (12 * i) + 8 : -1));
        }
        return (new TiffIfd(this, name, entries), U32(bytes.AsSpan(12 * count)));
    }

    internal uint[] Numbers(TiffEntry entry, int max)
    {
        var width = entry.Type == 3 ? 2 : 4;
        var count = (int)Math.Min(entry.Count, (uint)max);
        if (count == 0)
        {
            return [];
        }
        var at = entry.ValueAt >= 0 ? entry.ValueAt : Base + entry.Value;
        if (entry.ValueAt < 0 && at + ((long)width * count) > _end)
        {
            return [];
        }
        var bytes = _file.Read(at, width * count, "TIFF value");
        var values = new uint[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = width == 2 ? U16(bytes.AsSpan(2 * i)) : U32(bytes.AsSpan(4 * i));
        }
        return values;
    }

    private ushort U16(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private uint U32(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
