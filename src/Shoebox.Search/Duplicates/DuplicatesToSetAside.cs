namespace Shoebox.Search.Duplicates;

/// <summary>Which files of duplicate groups are set aside: every file but the keeper's, and for copies every place of it but the first.</summary>
public static class DuplicatesToSetAside
{
    public static IEnumerable<string> PathsToSetAside(DuplicateGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Kind == "copies" ? group.Keeper.Paths.Skip(1) : group.Others.SelectMany(m => m.Paths);
    }

    public static IEnumerable<string> PathsToSetAside(IEnumerable<DuplicateGroup> groups) => groups.SelectMany(PathsToSetAside);
}
