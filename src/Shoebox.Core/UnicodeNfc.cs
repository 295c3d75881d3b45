using System.IO.Compression;
using System.Text;

namespace Shoebox.Core;

/// <summary>
/// Unicode NFC. The build runs with InvariantGlobalization, where string.Normalize returns its input unchanged, yet a
/// decomposed "e" + U+0301 (as macOS file names and some keyboards produce) must tokenise and match like "é". The canonical
/// data comes from an embedded table written by tools/make_unicode_nfc_table.py.
/// </summary>
public static class UnicodeNfc
{
    private const string ResourceName = "Shoebox.Core.unicode_nfc.txt.gz";

    // Hangul syllables decompose and compose by arithmetic instead of by table.
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(LoadTables);

    public static string Normalize(string text)
    {
        // Nothing below U+0300 decomposes into something NFC would rebuild differently or combines with a neighbour.
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u02FF'))
        {
            return text;
        }

        var tables = Data.Value;
        var codePoints = Decomposed(text, tables);
        SortMarks(codePoints, tables);
        Compose(codePoints, tables);

        var builder = new StringBuilder(codePoints.Count);
        foreach (int cp in codePoints)
        {
            builder.Append(new Rune(cp).ToString());
        }

        return builder.ToString();
    }

    /// <summary>The text decomposed with its combining marks left out: "São Paulo" becomes "Sao Paulo".</summary>
    public static string WithoutMarks(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return text;
        }

        var tables = Data.Value;
        var builder = new StringBuilder(text.Length);
        foreach (int cp in Decomposed(text, tables))
        {
            if (tables.ClassOf(cp) == 0 && Rune.GetUnicodeCategory(new Rune(cp)) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                builder.Append(new Rune(cp).ToString());
            }
        }

        return builder.ToString();
    }

    private static List<int> Decomposed(string text, Tables tables)
    {
        var codePoints = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, codePoints, tables);
        }

        return codePoints;
    }

    private static void Decompose(int cp, List<int> output, Tables tables)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            int index = cp - SBase;
            output.Add(LBase + (index / NCount));
            output.Add(VBase + (index % NCount / TCount));
            if (index % TCount != 0)
            {
                output.Add(TBase + (index % TCount));
            }

            return;
        }

        if (tables.Decompositions.TryGetValue(cp, out var parts))
        {
            foreach (int part in parts)
            {
                Decompose(part, output, tables);
            }

            return;
        }

        output.Add(cp);
    }

    // Canonical ordering: within each run of combining marks, a stable sort by combining class.
    private static void SortMarks(List<int> codePoints, Tables tables)
    {
        for (int i = 1; i < codePoints.Count; i++)
        {
            int cp = codePoints[i];
            int cls = tables.ClassOf(cp);
            if (cls == 0)
            {
                continue;
            }

            int j = i;
            while (j > 0 && tables.ClassOf(codePoints[j - 1]) > cls)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }

            codePoints[j] = cp;
        }
    }

    // Joins each mark to the last starter unless a mark of the same or higher class (or another starter) sits between.
    private static void Compose(List<int> codePoints, Tables tables)
    {
        int starter = -1;
        int lastClass = -1;
        int write = 0;
        for (int read = 0; read < codePoints.Count; read++)
        {
            int cp = codePoints[read];
            int cls = tables.ClassOf(cp);
            if (starter >= 0 && (lastClass < cls || lastClass == 0) && TryCompose(codePoints[starter], cp, tables, out int composite))
            {
                codePoints[starter] = composite;
                continue;
            }

            if (cls == 0)
            {
                starter = write;
            }

            lastClass = cls;
            codePoints[write++] = cp;
        }

        codePoints.RemoveRange(write, codePoints.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables tables, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return tables.Compositions.TryGetValue(Pack(first, second), out composite);
    }

    private static long Pack(int first, int second) => ((long)first << 21) | (uint)second;

    private static Tables LoadTables()
    {
        var classes = new Dictionary<int, byte>();
        var decompositions = new Dictionary<int, int[]>();
        var compositions = new Dictionary<long, int>();

        using var stream = typeof(UnicodeNfc).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded resource {ResourceName}.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.ASCII);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ');
            switch (fields[0])
            {
                case "c":
                    int first = Hex(fields[1]), last = Hex(fields[2]);
                    byte cls = byte.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture);
                    for (int cp = first; cp <= last; cp++)
                    {
                        classes[cp] = cls;
                    }

                    break;
                case "d" or "n":
                    int composite = Hex(fields[1]);
                    int[] parts = [.. fields.Skip(2).Select(Hex)];
                    decompositions[composite] = parts;
                    if (fields[0] == "d")
                    {
                        compositions[Pack(parts[0], parts[1])] = composite;
                    }

                    break;
            }
        }

        return new Tables(classes, decompositions, compositions);
    }

    private static int Hex(string value) => int.Parse(value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Tables(
        Dictionary<int, byte> Classes,
        Dictionary<int, int[]> Decompositions,
        Dictionary<long, int> Compositions)
    {
        public int ClassOf(int cp) => Classes.TryGetValue(cp, out byte cls) ? cls : 0;
    }
}
