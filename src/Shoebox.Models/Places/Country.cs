using System.Globalization;

namespace Shoebox.Models.Places;

/// <summary>A country or territory by its ISO 3166-1 code, with its English name and the others people use for it.</summary>
public sealed record Country(string Code, string Name, IReadOnlyList<string> OtherNames)
{
    private const string ResourceName = "Shoebox.Models.Places.countries.tsv";

    /// <summary>
    /// The names Shoebox knows (Places/Data/countries.tsv). GeoNames' city data carries only the code, and the build's
    /// invariant globalization leaves .NET without region names, so the table is kept here.
    /// </summary>
    public static IReadOnlyDictionary<string, Country> All { get; } = Load();

    /// <summary>The country of <paramref name="code"/>, or one named by its code when the table lacks it.</summary>
    public static Country Of(string code) => All.TryGetValue(code, out var country) ? country : new Country(code, code, []);

    private static Dictionary<string, Country> Load()
    {
        using var stream = typeof(Country).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        var countries = new Dictionary<string, Country>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split('\t');
            var others = fields.Length > 2 ? fields[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            countries[fields[0].ToUpper(CultureInfo.InvariantCulture)] = new Country(fields[0], fields[1], others);
        }
        return countries;
    }
}
