namespace Shoebox.Search.Duplicates;

/// <summary>One file set aside: where it was and where it is now, or why it stayed.</summary>
public sealed record MovedFile(string From, string? To, string? Problem);

/// <summary>
/// Sets aside every file of a group but the keeper's (and for copies, all places of it but the first) by moving
/// it into a folder: nothing is deleted, and the catalog catches up on the next index. A file that cannot be
/// moved is reported and the others still move.
/// </summary>
public static class DuplicateMover
{
    public static List<MovedFile> MoveOthers(IEnumerable<DuplicateGroup> groups, string folder)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Directory.CreateDirectory(folder);
        var moved = new List<MovedFile>();
        foreach (var group in groups)
        {
            foreach (var path in PathsToSetAside(group))
            {
                moved.Add(Move(path, folder));
            }
        }
        return moved;
    }

    public static IEnumerable<string> PathsToSetAside(DuplicateGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Kind == "copies" ? group.Keeper.Paths.Skip(1) : group.Others.SelectMany(m => m.Paths);
    }

    private static MovedFile Move(string path, string folder)
    {
        if (!File.Exists(path))
        {
            return new MovedFile(path, null, "not a file on disk (gone, or inside an archive or photo library)");
        }
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        var target = Path.Combine(folder, name + extension);
        // Two originals may share a name: the later one gets a number rather than replacing the first.
        for (var n = 2; File.Exists(target); n++)
        {
            target = Path.Combine(folder, $"{name} ({n}){extension}");
        }
        try
        {
            File.Move(path, target);
            return new MovedFile(path, target, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MovedFile(path, null, e.Message);
        }
    }
}
