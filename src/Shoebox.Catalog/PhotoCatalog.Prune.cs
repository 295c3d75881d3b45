using Shoebox.Core;

namespace Shoebox.Catalog;

public sealed record PruneResult(int Locations, IReadOnlyList<ContentHash> Photos);

public sealed partial class PhotoCatalog
{
    /// <summary>
    /// Forgets missing locations, and the photos left with no location at all (with everything derived from
    /// them). Returns the removed photos' hashes, so their thumbnails can be deleted too.
    /// </summary>
    public PruneResult Prune() => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction();
        using var locations = Command("DELETE FROM locations WHERE status = 'missing'", transaction);
        var removedLocations = locations.ExecuteNonQuery();
        var orphans = new List<ContentHash>();
        using (var select = Command("SELECT hash FROM photos WHERE NOT EXISTS (SELECT 1 FROM locations WHERE photo_id = photos.id)", transaction))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                orphans.Add(new ContentHash((byte[])reader[0]));
            }
        }
        using var photos = Command("DELETE FROM photos WHERE NOT EXISTS (SELECT 1 FROM locations WHERE photo_id = photos.id)", transaction);
        photos.ExecuteNonQuery();
        transaction.Commit();
        return new PruneResult(removedLocations, orphans);
    });
}
