using Shoebox.Catalog;
using Shoebox.Sources.Originals;

namespace Shoebox.Indexing;

/// <summary>The catalog's record of a location, as the readers of originals check it.</summary>
public static class StoredLocations
{
    public static StoredLocation AsStored(this CatalogLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new StoredLocation(location.Path, location.Content, location.Size, location.ModifiedTicks);
    }
}
