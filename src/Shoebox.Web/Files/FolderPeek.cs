using Shoebox.Core;

namespace Shoebox.Web.Files;

/// <summary>
/// What a folder's first entries say about it: how many images lie directly in it (of the first
/// <see cref="FolderPeek.Limit"/> entries only, so a folder of a million files costs as little as a small one) and
/// the libraries among them.
/// </summary>
internal sealed record FolderPeek(int Images, bool Capped, LibraryFound? Holds)
{
    public const int Limit = 1000;

    /// <exception cref="UnauthorizedAccessException">The folder cannot be read.</exception>
    /// <exception cref="IOException">The folder went away, or its disk failed.</exception>
    public static FolderPeek Of(DirectoryInfo folder)
    {
        var images = 0;
        var seen = 0;
        LibraryFound? holds = null;
        foreach (var entry in folder.EnumerateFileSystemInfos("*", LibraryLook.OneLevel))
        {
            if (++seen > Limit)
            {
                return new FolderPeek(images, true, holds);
            }
            if (entry is FileInfo && ImageSniffer.HasImageExtension(entry.Name))
            {
                images++;
            }
            else if (holds is null && !LibraryLook.IsHidden(entry))
            {
                holds = LibraryLook.ByName(entry);
            }
        }
        return new FolderPeek(images, false, holds);
    }
}
