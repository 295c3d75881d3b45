using Shoebox.Indexing;
using Shoebox.Sources;
using Shoebox.Sources.ApplePhotos;
using Shoebox.Sources.GoogleTakeout;

namespace Shoebox.Web.Files;

/// <summary>A photo library seen on disk: its kind, named as sources name theirs, and the path to crawl it by.</summary>
public sealed record LibraryFound(string Kind, string Path);

/// <summary>
/// Whether a folder or file looks like a photo library: an Apple Photos or Capture One bundle, a Lightroom catalog,
/// a Google Takeout folder or archive. Names and folder listings only, except a Takeout folder, which is told by the
/// names of the folders inside (<see cref="TakeoutSource.Looks"/>).
/// </summary>
internal static class LibraryLook
{
    public const string CaptureOne = "capture-one";

    /// <summary>Neither recursing nor skipping anything, and every error thrown, so an unreadable folder is told apart.</summary>
    public static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Dot-names everywhere; the Hidden attribute where the system keeps one (Windows, macOS's hidden flag).</summary>
    public static bool IsHidden(FileSystemInfo entry) =>
        entry.Name.StartsWith('.') || (entry.Exists && entry.Attributes.HasFlag(FileAttributes.Hidden));

    /// <summary>The library a folder is, else the first one directly inside it; null when neither.</summary>
    public static LibraryFound? Of(DirectoryInfo folder, FolderPeek peek)
    {
        if (ByName(folder) is { } itself)
        {
            return itself;
        }
        return TakeoutSource.Looks(folder.FullName) ? new LibraryFound(PhotoLibraries.Name(LibraryKind.Takeout), folder.FullName) : peek.Holds;
    }

    /// <summary>What the entry's name (and, for Apple Photos, its database) says it is.</summary>
    public static LibraryFound? ByName(FileSystemInfo entry)
    {
        var path = entry.FullName;
        if (entry is DirectoryInfo)
        {
            if (entry.Name.EndsWith(".cocatalog", StringComparison.OrdinalIgnoreCase))
            {
                return new LibraryFound(CaptureOne, path);
            }
            return ApplePhotosSource.Looks(path) ? new LibraryFound(PhotoLibraries.Name(LibraryKind.ApplePhotos), path) : null;
        }
        if (entry.Name.EndsWith(".lrcat", StringComparison.OrdinalIgnoreCase))
        {
            return new LibraryFound(PhotoLibraries.Name(LibraryKind.Lightroom), path);
        }
        return IsTakeoutArchive(entry.Name) ? new LibraryFound(PhotoLibraries.Name(LibraryKind.Takeout), path) : null;
    }

    // Google names every part of an export takeout-<time>-<part>.zip (or .tgz).
    public static bool IsTakeoutArchive(string name) =>
        name.StartsWith("takeout-", StringComparison.OrdinalIgnoreCase) && ArchiveReader.IsArchive(name);
}
