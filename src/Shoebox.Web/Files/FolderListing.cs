namespace Shoebox.Web.Files;

/// <summary>One folder inside the folder listed. <see cref="Images"/> counts the images directly in it, of its first
/// entries only (<see cref="ImagesCapped"/> when it holds more entries than were looked at).</summary>
public sealed record FolderEntry(string Name, string Path, bool Hidden, bool Readable, int Images, bool ImagesCapped, LibraryFound? Library);

/// <summary>A step of the way from the top of the disk down to the folder listed.</summary>
public sealed record FolderCrumb(string Name, string Path);

/// <summary>A folder's sub-folders, never its files; <see cref="Parent"/> is null at the top of a disk.</summary>
public sealed record FolderPage(string Path, string? Parent, string Home, IReadOnlyList<FolderCrumb> Crumbs, IReadOnlyList<FolderEntry> Folders);

/// <summary>The folders of the machine as the folder browser shows them, one level at a time.</summary>
internal static class FolderListing
{
    /// <exception cref="UnauthorizedAccessException">The folder cannot be read.</exception>
    /// <exception cref="IOException">The folder went away while it was read, or its disk failed.</exception>
    public static FolderPage List(DirectoryInfo folder, string home, bool showHidden)
    {
        var folders = new List<FolderEntry>();
        foreach (var child in folder.EnumerateDirectories("*", LibraryLook.OneLevel))
        {
            var hidden = LibraryLook.IsHidden(child);
            if (!hidden || showHidden)
            {
                folders.Add(Describe(child, hidden));
            }
        }
        folders.Sort(ByName);
        return new FolderPage(folder.FullName, folder.Parent?.FullName, home, CrumbsOf(folder), folders);
    }

    // Case aside, then by case, so that the order never depends on how the disk listed them.
    private static int ByName(FolderEntry a, FolderEntry b)
    {
        var caseless = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        return caseless != 0 ? caseless : StringComparer.Ordinal.Compare(a.Name, b.Name);
    }

    // A folder that cannot be read is still shown, marked, so the user sees why it cannot be opened.
    private static FolderEntry Describe(DirectoryInfo child, bool hidden)
    {
        try
        {
            var peek = FolderPeek.Of(child);
            return new FolderEntry(child.Name, child.FullName, hidden, true, peek.Images, peek.Capped, LibraryLook.Of(child, peek));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new FolderEntry(child.Name, child.FullName, hidden, false, 0, false, null);
        }
    }

    private static List<FolderCrumb> CrumbsOf(DirectoryInfo folder)
    {
        var crumbs = new List<FolderCrumb>();
        for (var step = folder; step is not null; step = step.Parent)
        {
            crumbs.Add(new FolderCrumb(step.Name, step.FullName));
        }
        crumbs.Reverse();
        return crumbs;
    }
}
