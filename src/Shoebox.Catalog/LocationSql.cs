namespace Shoebox.Catalog;

/// <summary>Conditions on locations that the stores of both engines share.</summary>
internal static class LocationSql
{
    /// <summary>
    /// The condition that a photo (<paramref name="photoId"/>: the column or expression holding its id) has a location
    /// that exists: a photo with none is missing, and answers no search, page or count of what the library holds.
    /// </summary>
    public static string Exists(string photoId) => $"EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = {photoId} AND l.status = 'ok')";
}
