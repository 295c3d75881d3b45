using Shoebox.Core;

namespace Shoebox.Models.Places;

/// <summary>
/// Reverse geocoding over a <see cref="PlaceTable"/>: the place a point belongs to is the one it is deepest inside,
/// measured against a reach that grows with the place's size (distance over reach, smallest wins), so a point in a
/// big city's outskirts goes to the city and not to the village nearest its centre. Distances are on the sphere; the
/// grid wraps around at the date line and takes whole rows near the poles.
/// </summary>
public sealed class PlaceFinder(PlaceTable table)
{
    /// <summary>The farthest any place reaches, and so how far a lookup searches.</summary>
    public const double MaxReachKm = 40;

    /// <summary>
    /// Out of every town's reach, but this close to one, a point is still given its regions and country (a farm, a
    /// beach, a ferry near the coast); farther out (mid-ocean, the ice) it gets nothing.
    /// </summary>
    public const double RegionReachKm = 25;

    private const double EarthRadiusKm = 6371.0088;
    private const double KmPerDegree = Math.PI * EarthRadiusKm / 180;

    public PlaceTable Table { get; } = table;

    /// <summary>
    /// How far a place of <paramref name="population"/> reaches: 3 km for a village, about 7 km for a town of 20,000,
    /// 25 km for a city of half a million, at most <see cref="MaxReachKm"/>. A section of a city (a neighbourhood
    /// GeoNames lists apart) reaches only 1.5 km, so the city itself keeps what lies around it.
    /// </summary>
    public static double ReachKm(long population, bool isSection) =>
        isSection ? 1.5 : Math.Min(MaxReachKm, 3 + (0.03 * Math.Sqrt(Math.Max(0, population))));

    /// <summary>Why a photo's coordinates name no place on earth, or null when they are usable.</summary>
    public static string? Unusable(double latitude, double longitude) =>
        !double.IsFinite(latitude) || !double.IsFinite(longitude) ? "its coordinates are not numbers"
        : latitude is < -90 or > 90 || longitude is < -180 or > 180 ? $"its coordinates ({latitude}, {longitude}) are out of range"
        : latitude == 0 && longitude == 0 ? "its coordinates are 0, 0, which cameras write when they have no fix"
        : null;

    /// <summary>The place at the point, or null when it is far from every populated place (or unusable).</summary>
    public PlaceMatch? Find(double latitude, double longitude)
    {
        if (Unusable(latitude, longitude) is not null)
        {
            return null;
        }
        var (city, nearest) = Search(latitude, longitude);
        if (city < 0 && nearest < 0)
        {
            return null;
        }
        var regions = city >= 0 ? city : nearest;
        var country = Table.Countries[Table.CountryIndexes[regions]];
        var cityName = city >= 0 ? Table.StringAt(Table.Names[city]) : null;
        var subregion = Table.StringAt(Table.Subregions[regions]);
        var region = Table.StringAt(Table.Regions[regions]);
        var names = new List<string>();
        if (city >= 0)
        {
            names.Add(NameFold.Fold(cityName!));
            names.AddRange(Table.OtherNamesOf(city));
        }
        names.AddRange(new[] { subregion, region, country.Name }.OfType<string>().Select(NameFold.Fold));
        names.AddRange(country.OtherNames.Select(NameFold.Fold));
        return new PlaceMatch(cityName, subregion, region, country, [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    // The best place whose reach covers the point (-1: none), and the nearest place within RegionReachKm (-1: none).
    private (int City, int Nearest) Search(double latitude, double longitude)
    {
        var latRadians = latitude * Math.PI / 180;
        var span = MaxReachKm / KmPerDegree;
        var firstRow = PlaceTable.RowOf(latitude - span);
        var lastRow = PlaceTable.RowOf(latitude + span);
        // Columns to search either side: a degree of longitude shrinks with the cosine of the latitude farthest from
        // the equator the search reaches; near a pole that is the whole row.
        var widest = Math.Min(90, Math.Abs(latitude) + span) * Math.PI / 180;
        var cos = Math.Cos(widest);
        var halfColumns = cos < 1e-6 ? PlaceTable.Columns : (int)Math.Ceiling(span / cos * PlaceTable.CellsPerDegree) + 1;
        var wholeRow = 2 * halfColumns + 1 >= PlaceTable.Columns;
        var centre = PlaceTable.ColumnOf(longitude);
        var (city, cityScore) = (-1, double.MaxValue);
        var (nearest, nearestKm) = (-1, RegionReachKm);
        for (var row = firstRow; row <= lastRow; row++)
        {
            var from = wholeRow ? 0 : centre - halfColumns;
            var to = wholeRow ? PlaceTable.Columns - 1 : centre + halfColumns;
            for (var column = from; column <= to; column++)
            {
                var cell = (row * PlaceTable.Columns) + ((column % PlaceTable.Columns) + PlaceTable.Columns) % PlaceTable.Columns;
                for (var i = Table.CellStarts[cell]; i < Table.CellStarts[cell + 1]; i++)
                {
                    var km = DistanceFromRadians(latRadians, longitude, Table.Latitudes[i], Table.Longitudes[i]);
                    if (km > MaxReachKm)
                    {
                        continue;
                    }
                    var score = km / ReachKm(Table.Populations[i], Table.Sections[i]);
                    if (score <= 1 && (score < cityScore || (score == cityScore && i < city)))
                    {
                        (city, cityScore) = (i, score);
                    }
                    if (km < nearestKm)
                    {
                        (nearest, nearestKm) = (i, km);
                    }
                }
            }
        }
        return (city, nearest);
    }

    /// <summary>Great-circle distance (haversine), right across the date line and at the poles.</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2) =>
        DistanceFromRadians(latitude1 * Math.PI / 180, longitude1, latitude2, longitude2);

    private static double DistanceFromRadians(double lat1Radians, double lon1, double lat2, double lon2)
    {
        var lat2Radians = lat2 * Math.PI / 180;
        var dLat = lat2Radians - lat1Radians;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1Radians) * Math.Cos(lat2Radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
