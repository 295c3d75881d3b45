namespace Shoebox.Sources.Originals;

/// <summary>One file set aside: where it was and where it is now, or why it stayed.</summary>
public sealed record MovedFile(string From, string? To, string? Problem);

/// <summary>
/// Sets files aside by moving them into a folder: nothing is deleted, and the catalog catches up on the next index.
/// A file that cannot be moved is reported and the others still move.
/// </summary>
public static class OriginalMover
{
    public static List<MovedFile> MoveInto(IEnumerable<string> paths, string folder)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(folder);
        return [.. paths.Select(path => Move(path, folder))];
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
