namespace Shoebox.Models.Places;

/// <summary>
/// Reverse geocoding over a <see cref="PlaceTable"/>: the place a point belongs to is the one it is deepest inside,
/// measured against a reach that grows with the place's size (distance over reach, smallest wins), so a point in a
/// big city's outskirts goes to the city and not to the village nearest its centre. Distances are on the sphere; the
/// grid wraps around at the date line and takes whole rows near the poles.
/// </summary>
public sealed class PlaceFinder
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

    // How far each place reaches, and each grid cell's farthest-reaching place: worked out once, at load.
    private readonly float[] _reach;
    private readonly float[] _cellReach;

    public PlaceFinder(PlaceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        _reach = new float[table.Count];
        _cellReach = new float[table.CellStarts.Length - 1];
        for (var cell = 0; cell < _cellReach.Length; cell++)
        {
            for (var i = table.CellStarts[cell]; i < table.CellStarts[cell + 1]; i++)
            {
                _reach[i] = (float)ReachKm(table.Populations[i], table.Sections[i]);
                _cellReach[cell] = Math.Max(_cellReach[cell], _reach[i]);
            }
        }
    }

    public PlaceTable Table { get; }

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
            names.Add(Table.FoldedAt(Table.Names[city])!);
            names.AddRange(Table.OtherNamesOf(city));
        }
        names.AddRange(new[] { Table.FoldedAt(Table.Subregions[regions]), Table.FoldedAt(Table.Regions[regions]) }.OfType<string>());
        names.AddRange(Table.CountryNamesAt(Table.CountryIndexes[regions]));
        return new PlaceMatch(cityName, subregion, region, country, [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    // The place deepest within its reach (-1: none); when there is none, the nearest place within RegionReachKm.
    private (int City, int Nearest) Search(double latitude, double longitude)
    {
        var city = Closest(latitude, longitude, MaxReachKm, claim: true);
        return city >= 0 ? (city, city) : (-1, Closest(latitude, longitude, RegionReachKm, claim: false));
    }

    // Walks the grid cells within radiusKm of the point. With claim, the place with the smallest distance over reach
    // among those that reach the point; otherwise the nearest place within radiusKm. A cell none of whose places could
    // answer (too far for its farthest-reaching place, or for the radius) is passed over unread: most of the search
    // window holds only villages, which reach a few kilometres.
    private int Closest(double latitude, double longitude, double radiusKm, bool claim)
    {
        var latRadians = latitude * Math.PI / 180;
        var span = radiusKm / KmPerDegree;
        var firstRow = PlaceTable.RowOf(latitude - span);
        var lastRow = PlaceTable.RowOf(latitude + span);
        // Columns to search either side: a degree of longitude shrinks with the cosine of the latitude farthest from
        // the equator the search reaches; near a pole that is the whole row.
        var cos = Math.Cos(Math.Min(90, Math.Abs(latitude) + span) * Math.PI / 180);
        var halfColumns = cos < 1e-6 ? PlaceTable.Columns : (int)Math.Ceiling(span / cos * PlaceTable.CellsPerDegree) + 1;
        var wholeRow = 2 * halfColumns + 1 >= PlaceTable.Columns;
        var centre = PlaceTable.ColumnOf(longitude);
        // Over at most 40 km a flat map is within a fraction of a percent of the sphere, and a multiply is far cheaper
        // than the haversine's trigonometry; near the poles, where meridians converge fast, the sphere is used.
        var flat = Math.Abs(latitude) < 75;
        var kmPerLongitude = KmPerDegree * Math.Cos(latRadians);
        var (best, bestValue) = (-1, claim ? double.MaxValue : radiusKm);
        for (var row = firstRow; row <= lastRow; row++)
        {
            var from = wholeRow ? 0 : centre - halfColumns;
            var to = wholeRow ? PlaceTable.Columns - 1 : centre + halfColumns;
            for (var column = from; column <= to; column++)
            {
                var wrapped = ((column % PlaceTable.Columns) + PlaceTable.Columns) % PlaceTable.Columns;
                var cell = (row * PlaceTable.Columns) + wrapped;
                if (Table.CellStarts[cell] == Table.CellStarts[cell + 1]
                    || (flat && CellDistanceKm(row, wrapped, latitude, longitude) > (claim ? _cellReach[cell] : bestValue)))
                {
                    continue;
                }
                for (var i = Table.CellStarts[cell]; i < Table.CellStarts[cell + 1]; i++)
                {
                    var limit = claim ? _reach[i] : bestValue;
                    var dLat = (Table.Latitudes[i] - latitude) * KmPerDegree;
                    if (Math.Abs(dLat) > limit)
                    {
                        continue;
                    }
                    var km = flat
                        ? Flat(dLat, Wrapped(Table.Longitudes[i] - longitude) * kmPerLongitude)
                        : DistanceFromRadians(latRadians, longitude, Table.Latitudes[i], Table.Longitudes[i]);
                    if (km > limit)
                    {
                        continue;
                    }
                    var value = claim ? km / _reach[i] : km;
                    if (value < bestValue)
                    {
                        (best, bestValue) = (i, value);
                    }
                }
            }
        }
        return best;
    }

    // How near the point a grid cell comes, a little short rather than over (the flat map, at the cell's or the
    // point's latitude farthest from the equator, where a degree of longitude is shortest).
    private static double CellDistanceKm(int row, int column, double latitude, double longitude)
    {
        var south = ((double)row / PlaceTable.CellsPerDegree) - 90;
        var north = south + (1.0 / PlaceTable.CellsPerDegree);
        var northward = latitude < south ? south - latitude : latitude > north ? latitude - north : 0;
        var half = 0.5 / PlaceTable.CellsPerDegree;
        var middle = ((double)column / PlaceTable.CellsPerDegree) - 180 + half;
        var eastward = Math.Max(0, Math.Abs(Wrapped(longitude - middle)) - half);
        var cos = Math.Cos(Math.Max(Math.Abs(latitude), Math.Max(Math.Abs(south), Math.Abs(north))) * Math.PI / 180);
        return 0.99 * KmPerDegree * Math.Sqrt((northward * northward) + (eastward * cos * eastward * cos));
    }

    private static double Flat(double northKm, double eastKm) => Math.Sqrt((northKm * northKm) + (eastKm * eastKm));

    // A difference of longitudes the short way round, in [-180, 180].
    private static double Wrapped(double degrees) => degrees > 180 ? degrees - 360 : degrees < -180 ? degrees + 360 : degrees;

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
