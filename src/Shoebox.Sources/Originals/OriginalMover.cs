using Shoebox.Core;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Sources.Originals;

/// <summary>One file set aside: where it was and where it is now, or why it stayed.</summary>
public sealed record MovedFile(string From, string? To, string? Problem);

/// <summary>
/// Sets files aside by moving them into a folder: nothing is deleted, and the catalog catches up on the next index.
/// Only files of their own that are still what was indexed are moved; anything else is reported and stays, and
/// the others still move.
/// </summary>
public static class OriginalMover
{
    public static List<MovedFile> MoveInto(IEnumerable<StoredLocation> locations, string folder)
    {
        ArgumentNullException.ThrowIfNull(locations);
        Directory.CreateDirectory(folder);
        return [.. locations.Select(location => Move(location, folder))];
    }

    private static MovedFile Move(StoredLocation location, string folder)
    {
        var path = location.Path;
        // An archive entry's or a stand-in's path is an address ("<archive>/<entry>"), never a file to touch.
        if (location.Content is not null)
        {
            return new MovedFile(path, null, $"not a file of its own ({(location.Content is ArchiveEntry ? "inside an archive" : "a preview kept for a photo library")}): left where it is");
        }
        if (!File.Exists(path))
        {
            return new MovedFile(path, null, "not a file on disk any more");
        }
        if (!IsAsIndexed(location))
        {
            return new MovedFile(path, null, "changed since it was indexed (run `shoebox index` first): left where it is");
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

    // The size and time recorded are the file's, or its link's final target's (the walk follows links).
    private static bool IsAsIndexed(StoredLocation location)
    {
        try
        {
            var (exists, size, modified) = FileFacts.Of(location.Path);
            return exists && size == location.Size && modified == location.ModifiedTicks;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
