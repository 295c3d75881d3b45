using System.Buffers.Binary;
using System.Text;

namespace Shoebox.Sources.Lightroom;

/// <summary>One pyramid level found in a .lrprev: a whole JPEG (its EOI restored when it was stored without).</summary>
internal sealed record LrprevLevel(int Level, byte[] Jpeg, bool Carved);

/// <summary>
/// A .lrprev file read by its AgHg section headers: a `header` section (Lua-table text) and `level_1` .. `level_N`,
/// each one JPEG. A damaged header sends the rest of the file to carving; a truncated file keeps every section
/// that is complete. What went wrong is in <see cref="Problems"/>, written for the user.
/// </summary>
internal sealed class LrprevFile
{
    private static readonly byte[] Magic = "AgHg"u8.ToArray();

    // Fixed part of a section header: magic, header length, version, kind, data length, padding length.
    private const int FixedHeaderLength = 24;
    private const int MaxHeaderLength = 4096;

    public PyramidHeader? Header { get; private set; }

    /// <summary>Levels in the order found; carved ones are numbered after the last named level, in file order.</summary>
    public List<LrprevLevel> Levels { get; } = [];

    public List<string> Problems { get; } = [];

    public static LrprevFile Read(string path) => Parse(File.ReadAllBytes(path));

    public static LrprevFile Parse(byte[] bytes)
    {
        var file = new LrprevFile();
        long offset = 0;
        while (offset < bytes.Length)
        {
            var rest = bytes.AsSpan((int)offset);
            if (rest.Length < FixedHeaderLength)
            {
                if (rest.ContainsAnyExcept((byte)0))
                {
                    file.Problems.Add($"the file ends inside a section header at byte {offset:N0} (truncated)");
                }
                break;
            }
            var damage = Damage(rest, out var headerLength, out var dataLength, out var paddingLength, out var name);
            if (damage is not null)
            {
                file.Problems.Add($"section header at byte {offset:N0} is damaged ({damage})");
                file.AddCarved(bytes, (int)offset, onlyComplete: false);
                break;
            }
            var dataStart = offset + headerLength;
            if (dataLength > (ulong)(bytes.Length - dataStart))
            {
                var missing = dataLength - (ulong)(bytes.Length - dataStart);
                file.Problems.Add($"{name} is cut off: the file ends {missing:N0} bytes early");
                // A damaged length looks the same as a cut file; a JPEG that is whole in what is left is kept.
                file.AddCarved(bytes, (int)dataStart, onlyComplete: true);
                break;
            }
            file.Add(name, bytes.AsSpan((int)dataStart, (int)dataLength));
            var next = (ulong)dataStart + dataLength + paddingLength;
            if (next >= (ulong)bytes.Length)
            {
                break; // a cut padding loses nothing
            }
            offset = (long)next;
        }
        return file;
    }

    private void Add(string name, ReadOnlySpan<byte> data)
    {
        if (name == "header")
        {
            Header = PyramidHeader.Parse(Encoding.UTF8.GetString(data.TrimEnd((byte)0)));
            return;
        }
        if (!name.StartsWith("level_", StringComparison.Ordinal) || !int.TryParse(name.AsSpan(6), out var level))
        {
            return; // sections Shoebox does not use
        }
        if (!JpegStructure.StartsAt(data, 0))
        {
            Problems.Add($"{name} does not hold a JPEG");
            return;
        }
        Levels.Add(new LrprevLevel(level, JpegStructure.WithEndMarker(data, out _), Carved: false));
    }

    private void AddCarved(byte[] bytes, int from, bool onlyComplete)
    {
        var carved = JpegStructure.Carve(bytes, from, onlyComplete);
        var next = Levels.Count == 0 ? 1 : Levels.Max(l => l.Level) + 1;
        foreach (var jpeg in carved)
        {
            Levels.Add(new LrprevLevel(next++, jpeg, Carved: true));
        }
        if (carved.Count > 0)
        {
            Problems.Add($"{carved.Count} JPEG{(carved.Count == 1 ? "" : "s")} recovered by scanning the bytes after it");
        }
    }

    private static string? Damage(ReadOnlySpan<byte> header, out int headerLength, out ulong dataLength, out ulong paddingLength, out string name)
    {
        headerLength = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        dataLength = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
        paddingLength = BinaryPrimitives.ReadUInt64BigEndian(header[16..]);
        name = "";
        if (!header.StartsWith(Magic))
        {
            return "no AgHg mark";
        }
        if (headerLength is < FixedHeaderLength + 1 or > MaxHeaderLength || headerLength > header.Length)
        {
            return $"header length {headerLength}";
        }
        var nameBytes = header[FixedHeaderLength..headerLength];
        var end = nameBytes.IndexOf((byte)0);
        nameBytes = end < 0 ? nameBytes : nameBytes[..end];
        if (nameBytes.IsEmpty || nameBytes.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
        {
            return "unreadable section name";
        }
        name = Encoding.ASCII.GetString(nameBytes);
        // A padding longer than a section could ever need means the numbers are garbage, not a cut file.
        return paddingLength > 1 << 20 ? $"padding length {paddingLength:N0}" : null;
    }
}
