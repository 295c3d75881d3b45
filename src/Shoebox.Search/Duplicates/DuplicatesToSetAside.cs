using Shoebox.Catalog;

namespace Shoebox.Search.Duplicates;

/// <summary>Which files of duplicate groups are set aside: every file but the keeper's, and for copies every place of it but the first.</summary>
public static class DuplicatesToSetAside
{
    public static IEnumerable<string> PathsToSetAside(DuplicateGroup group) => FilesToSetAside(group).Select(file => file.Path);

    /// <summary>What setting the group's files aside frees.</summary>
    public static long BytesToSetAside(DuplicateGroup group) => FilesToSetAside(group).Sum(file => file.Member.Size);

    private static IEnumerable<(DuplicateMember Member, string Path)> FilesToSetAside(DuplicateGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Kind == "copies"
            ? group.Keeper.Paths.Skip(1).Select(path => (group.Keeper, path))
            : group.Others.SelectMany(member => member.Paths.Select(path => (member, path)));
    }

    /// <summary>
    /// The places to set aside as the catalog records them, so that an archive entry or a stand-in (whose path is an
    /// address, not a file) is never taken for a file, and a file that changed since it was indexed can be told.
    /// </summary>
    public static async Task<List<CatalogLocation>> LocationsToSetAsideAsync(PhotoCatalog catalog, IEnumerable<DuplicateGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(groups);
        var locations = new List<CatalogLocation>();
        foreach (var group in groups)
        {
            var members = group.Kind == "copies" ? [group.Keeper] : group.Others;
            var paths = PathsToSetAside(group).ToHashSet(StringComparer.Ordinal);
            foreach (var member in members)
            {
                locations.AddRange((await catalog.Locations.OfPhotoAsync(member.Id)).Where(l => paths.Contains(l.Path)));
            }
        }
        return locations;
    }
}
