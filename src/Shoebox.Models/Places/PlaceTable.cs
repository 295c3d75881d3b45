using System.Runtime.InteropServices;
using System.Text;
using Shoebox.Core;

namespace Shoebox.Models.Places;

/// <summary>
/// The populated places of the world in a compact form: parallel arrays ordered by a grid of quarter-degree cells (so
/// a lookup reads a few neighbouring cells), names shared in one string table, and every place's other names folded
/// into one UTF-8 block read only for the place a photo gets. About 200,000 places take some 40 MB and load in a
/// fraction of a second from the file <see cref="Save"/> writes.
/// </summary>
public sealed class PlaceTable
{
    public const int CellsPerDegree = 4;
    public const int Rows = 180 * CellsPerDegree;
    public const int Columns = 360 * CellsPerDegree;

    private const string Magic = "shoebox-places";
    private const int Format = 1;

    private PlaceTable(string version, int count)
    {
        Version = version;
        Latitudes = new float[count];
        Longitudes = new float[count];
        Populations = new int[count];
        Names = new int[count];
        Regions = new int[count];
        Subregions = new int[count];
        CountryIndexes = new short[count];
        Sections = new bool[count];
        OtherStarts = new int[count + 1];
        CellStarts = new int[(Rows * Columns) + 1];
    }

    /// <summary>Changes with the data and with how it is read: photos placed with another version are placed again.</summary>
    public string Version { get; }

    public int Count => Latitudes.Length;

    internal float[] Latitudes { get; }

    internal float[] Longitudes { get; }

    internal int[] Populations { get; }

    internal int[] Names { get; }

    internal int[] Regions { get; }

    internal int[] Subregions { get; }

    internal short[] CountryIndexes { get; }

    internal bool[] Sections { get; }

    internal int[] OtherStarts { get; }

    internal int[] CellStarts { get; }

    internal string[] Strings { get; private set; } = [];

    internal Country[] Countries { get; private set; } = [];

    internal byte[] OtherNames { get; private set; } = [];

    /// <summary>The grid cell a point falls in; longitudes outside [-180, 180) wrap around.</summary>
    public static int CellOf(double latitude, double longitude) => (RowOf(latitude) * Columns) + ColumnOf(longitude);

    internal static int RowOf(double latitude) => Math.Clamp((int)Math.Floor((latitude + 90) * CellsPerDegree), 0, Rows - 1);

    internal static int ColumnOf(double longitude)
    {
        var column = (int)Math.Floor((longitude + 180) * CellsPerDegree) % Columns;
        return column < 0 ? column + Columns : column;
    }

    /// <summary>Where place <paramref name="index"/> (0 to <see cref="Count"/> - 1, in grid order) is.</summary>
    public (double Latitude, double Longitude) PointOf(int index) => (Latitudes[index], Longitudes[index]);

    internal string? StringAt(int index) => index < 0 ? null : Strings[index];

    // Folded once and kept: a library's photos come from a few hundred places, named again and again.
    private string?[]? _folded;
    private string[][]? _countryNames;

    /// <summary>The string at <paramref name="index"/>, folded; null for -1.</summary>
    internal string? FoldedAt(int index)
    {
        if (index < 0)
        {
            return null;
        }
        var folded = _folded ??= new string?[Strings.Length];
        return folded[index] ??= NameFold.Fold(Strings[index]);
    }

    /// <summary>Every name of country <paramref name="index"/>, folded.</summary>
    internal string[] CountryNamesAt(int index)
    {
        var names = _countryNames ??= new string[Countries.Length][];
        var country = Countries[index];
        return names[index] ??= [.. country.OtherNames.Prepend(country.Name).Select(NameFold.Fold)];
    }

    /// <summary>The other names of place <paramref name="index"/>, folded.</summary>
    internal IEnumerable<string> OtherNamesOf(int index)
    {
        var start = OtherStarts[index];
        var length = OtherStarts[index + 1] - start;
        return length == 0 ? [] : Encoding.UTF8.GetString(OtherNames, start, length).Split('\n');
    }

    /// <summary>The table of <paramref name="places"/>, in grid order.</summary>
    public static PlaceTable From(IEnumerable<PlaceRecord> places, string version)
    {
        ArgumentNullException.ThrowIfNull(places);
        var sorted = places.Select(p => (Place: p, Cell: CellOf(p.Latitude, p.Longitude))).OrderBy(p => p.Cell).ToList();
        var table = new PlaceTable(version, sorted.Count);
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var countries = new Dictionary<string, short>(StringComparer.Ordinal);
        var others = new MemoryStream();
        int Intern(string? value) => value is null ? -1 : strings.TryGetValue(value, out var i) ? i : strings[value] = strings.Count;
        for (var i = 0; i < sorted.Count; i++)
        {
            var (place, cell) = sorted[i];
            table.Latitudes[i] = (float)place.Latitude;
            table.Longitudes[i] = (float)place.Longitude;
            table.Populations[i] = (int)Math.Min(place.Population, int.MaxValue);
            table.Names[i] = Intern(place.Name);
            table.Regions[i] = Intern(place.Region);
            table.Subregions[i] = Intern(place.Subregion);
            table.CountryIndexes[i] = countries.TryGetValue(place.CountryCode, out var c) ? c : countries[place.CountryCode] = (short)countries.Count;
            table.Sections[i] = place.IsSection;
            table.OtherStarts[i] = (int)others.Length;
            var folded = OtherFolded(place);
            if (folded.Count > 0)
            {
                others.Write(Encoding.UTF8.GetBytes(string.Join('\n', folded)));
            }
            table.CellStarts[cell + 1]++;
        }
        table.OtherStarts[sorted.Count] = (int)others.Length;
        for (var cell = 1; cell < table.CellStarts.Length; cell++)
        {
            table.CellStarts[cell] += table.CellStarts[cell - 1];
        }
        table.Strings = [.. strings.OrderBy(s => s.Value).Select(s => s.Key)];
        table.Countries = [.. countries.OrderBy(c => c.Value).Select(c => Country.Of(c.Key))];
        table.OtherNames = others.ToArray();
        return table;
    }

    // Folded and without the place's own name, which is kept apart: only what adds a way to find it.
    private static List<string> OtherFolded(PlaceRecord place)
    {
        var own = NameFold.Fold(place.Name);
        return [.. (place.OtherNames ?? []).Select(NameFold.Fold).Where(n => n.Length > 0 && n != own).Distinct(StringComparer.Ordinal)];
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Format);
        writer.Write(Version);
        writer.Write(Count);
        writer.Write(Strings.Length);
        foreach (var value in Strings)
        {
            writer.Write(value);
        }
        writer.Write(Countries.Length);
        foreach (var country in Countries)
        {
            writer.Write(country.Code);
        }
        Write(writer, Latitudes);
        Write(writer, Longitudes);
        Write(writer, Populations);
        Write(writer, Names);
        Write(writer, Regions);
        Write(writer, Subregions);
        Write(writer, CountryIndexes);
        Write(writer, Sections);
        Write(writer, OtherStarts);
        Write(writer, CellStarts);
        writer.Write(OtherNames.Length);
        writer.Write(OtherNames);
    }

    /// <summary>A table <see cref="Save"/> wrote; <see cref="InvalidDataException"/> when the file is not one, or is cut short.</summary>
    public static PlaceTable Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() != Format)
            {
                throw new InvalidDataException("not a place table of this Shoebox version");
            }
            var version = reader.ReadString();
            var table = new PlaceTable(version, reader.ReadInt32());
            table.Strings = new string[reader.ReadInt32()];
            for (var i = 0; i < table.Strings.Length; i++)
            {
                table.Strings[i] = reader.ReadString();
            }
            table.Countries = new Country[reader.ReadInt32()];
            for (var i = 0; i < table.Countries.Length; i++)
            {
                table.Countries[i] = Country.Of(reader.ReadString());
            }
            Read(reader, table.Latitudes);
            Read(reader, table.Longitudes);
            Read(reader, table.Populations);
            Read(reader, table.Names);
            Read(reader, table.Regions);
            Read(reader, table.Subregions);
            Read(reader, table.CountryIndexes);
            Read(reader, table.Sections);
            Read(reader, table.OtherStarts);
            Read(reader, table.CellStarts);
            table.OtherNames = reader.ReadBytes(reader.ReadInt32());
            return table;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the place table is cut short", e);
        }
    }

    private static void Write<T>(BinaryWriter writer, T[] values)
        where T : unmanaged => writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));

    private static void Read<T>(BinaryReader reader, T[] values)
        where T : unmanaged => reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
}
