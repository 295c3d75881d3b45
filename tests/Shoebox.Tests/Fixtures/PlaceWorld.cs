using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Models.Places;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A small world of places for indexing and serving tests (no download, no cache folder needed), and photos that
/// carry coordinates and nothing else: an XMP sidecar with GPS beside a generated JPEG.
/// </summary>
public static class PlaceWorld
{
    public static readonly PlaceRecord[] Places =
    [
        new("Lisbon", 38.71667, -9.13333, 517_802, "PT", "Lisbon", "Lisbon", ["Lisboa", "Lisbonne"]),
        new("São Paulo", -23.5475, -46.63611, 12_400_232, "BR", "São Paulo", null, ["Sao Paulo", "Sampa"]),
        new("Chicago", 41.85003, -87.65005, 2_720_546, "US", "Illinois", "Cook County"),
    ];

    /// <summary>Central Lisbon, a street of São Paulo, the Bean in Chicago.</summary>
    public static readonly (double Latitude, double Longitude) Lisbon = (38.7107, -9.1366), SaoPaulo = (-23.5614, -46.6559), Chicago = (41.8827, -87.6233);

    public static PlaceFinder Finder(string version = "test-1") => new(PlaceTable.From(Places, version));

    /// <summary>Writes the sidecar that gives <paramref name="photo"/> these coordinates.</summary>
    public static void Sidecar(string photo, double latitude, double longitude)
    {
        static string Dm(double value, char positive, char negative) => string.Create(CultureInfo.InvariantCulture,
            $"{Math.Floor(Math.Abs(value))},{(Math.Abs(value) - Math.Floor(Math.Abs(value))) * 60:0.######}{(value >= 0 ? positive : negative)}");
        File.WriteAllText(photo + ".xmp", $"""
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
                exif:GPSLatitude="{Dm(latitude, 'N', 'S')}" exif:GPSLongitude="{Dm(longitude, 'E', 'W')}"/>
            </rdf:RDF></x:xmpmeta>
            """);
    }

    /// <summary>Indexes <paramref name="root"/> into the library with places named from <paramref name="finder"/> (null: without place data).</summary>
    public static Task<IndexSummary> IndexAsync(string library, string root, PlaceFinder? finder) =>
        new Indexer(new IndexingPipeline(new Library(library), new IndexSettings { Places = true }, new IndexingServices { Places = finder }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);
}

/// <summary>The served library with two of its photos carrying coordinates (Lisbon, São Paulo), placed after indexing.</summary>
public sealed class ServedPlaces : ServedLibrary
{
    protected override async Task PrepareAsync()
    {
        Temp.Folder("photos");
        PlaceWorld.Sidecar(Temp["photos/red-car.jpg"], PlaceWorld.Lisbon.Latitude, PlaceWorld.Lisbon.Longitude);
        PlaceWorld.Sidecar(Temp["photos/sunset-beach.jpg"], PlaceWorld.SaoPaulo.Latitude, PlaceWorld.SaoPaulo.Longitude);
        await base.PrepareAsync();
        // `index` had no place data (offline); a run that has it places what is there.
        await PlaceWorld.IndexAsync(Temp.Library, Root, PlaceWorld.Finder());
    }
}
