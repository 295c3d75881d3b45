using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Sources.GoogleTakeout;

namespace Shoebox.Web.Files;

/// <summary>
/// A library found where its application keeps it, offered as a card to crawl in one click. <see cref="Bytes"/> is
/// the size of a catalog or archive file (null for a folder or bundle, which would have to be walked); <see cref="Images"/>
/// counts the images of the Pictures folder's first levels (null for the others), <see cref="ImagesCapped"/> when
/// it holds more than was looked at.
/// </summary>
public sealed record FoundLibrary(string Kind, string Name, string Path, long? Bytes, int? Images, bool ImagesCapped);

/// <summary>
/// Looks for photo libraries in their usual places under a home folder: Apple Photos libraries in ~/Pictures,
/// Lightroom and Capture One catalogs in ~/Pictures (a few levels down), Google Takeout archives and folders in
/// ~/Downloads, and ~/Pictures itself. The walk is bounded by depth, entries and time, so a home of millions of files
/// answers as fast as an empty one; what lies deeper is left to the folder browser.
/// </summary>
internal sealed class LibraryFinder(string home)
{
    /// <summary>Levels below ~/Pictures looked into: ~/Pictures/Lightroom/Lightroom Catalog.lrcat is at level 1.</summary>
    public const int Depth = 3;

    /// <summary>Entries looked at under ~/Pictures in all; past them the image count is "at least".</summary>
    public const int MaxEntries = 20_000;

    /// <summary>A safety net for slow disks (network homes); the walk stops there and says what it found.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static readonly string[] KindOrder = [PhotoLibraries.Name(LibraryKind.ApplePhotos), PhotoLibraries.Name(LibraryKind.Lightroom), LibraryLook.CaptureOne, PhotoLibraries.Name(LibraryKind.Takeout), PhotoLibraries.Name(LibraryKind.Folder)];

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<FoundLibrary> Find()
    {
        var found = new List<FoundLibrary>();
        var pictures = new DirectoryInfo(System.IO.Path.Join(home, "Pictures"));
        if (pictures.Exists)
        {
            var (images, capped) = Walk(pictures, found);
            found.Add(new FoundLibrary(PhotoLibraries.Name(LibraryKind.Folder), pictures.Name, pictures.FullName, null, images, capped));
        }
        var downloads = new DirectoryInfo(System.IO.Path.Join(home, "Downloads"));
        if (downloads.Exists)
        {
            found.AddRange(Takeouts(downloads));
        }
        return [.. found.OrderBy(f => Array.IndexOf(KindOrder, f.Kind)).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    // Breadth first, so that the first levels are seen whatever lies deeper; bundles are libraries, never entered.
    private (int Images, bool Capped) Walk(DirectoryInfo top, List<FoundLibrary> found)
    {
        var images = 0;
        var entries = 0;
        var level = new List<DirectoryInfo> { top };
        for (var depth = 0; level.Count > 0; depth++)
        {
            var next = new List<DirectoryInfo>();
            foreach (var folder in level)
            {
                foreach (var entry in Entries(folder))
                {
                    if (++entries > MaxEntries || _clock.Elapsed > Budget)
                    {
                        return (images, true);
                    }
                    if (entry is FileInfo && ImageSniffer.HasImageExtension(entry.Name))
                    {
                        images++;
                    }
                    else if (LibraryLook.IsHidden(entry))
                    {
                        continue;
                    }
                    else if (LibraryLook.ByName(entry) is { } library && library.Kind != PhotoLibraries.Name(LibraryKind.Takeout))
                    {
                        found.Add(Card(library, entry));
                    }
                    else if (entry is DirectoryInfo sub && !IsBundle(sub))
                    {
                        next.Add(sub);
                    }
                }
            }
            if (depth == Depth)
            {
                return (images, next.Count > 0);
            }
            level = next;
        }
        return (images, false);
    }

    // A takeout-*.zip (or .tgz) per part, and the folders unpacked from them.
    private IEnumerable<FoundLibrary> Takeouts(DirectoryInfo downloads)
    {
        foreach (var entry in Entries(downloads))
        {
            if (_clock.Elapsed > Budget)
            {
                yield break;
            }
            if (LibraryLook.IsHidden(entry))
            {
                continue;
            }
            if (entry is FileInfo && LibraryLook.IsTakeoutArchive(entry.Name))
            {
                yield return Card(new LibraryFound(PhotoLibraries.Name(LibraryKind.Takeout), entry.FullName), entry);
            }
            else if (entry is DirectoryInfo && entry.Name.StartsWith("takeout", StringComparison.OrdinalIgnoreCase) && TakeoutSource.Looks(entry.FullName))
            {
                yield return Card(new LibraryFound(PhotoLibraries.Name(LibraryKind.Takeout), entry.FullName), entry);
            }
        }
    }

    private static FoundLibrary Card(LibraryFound library, FileSystemInfo entry) =>
        new(library.Kind, entry.Name, library.Path, entry is FileInfo file ? file.Length : null, null, false);

    // Lightroom's previews and Photos' or Capture One's insides hold thousands of files that are not the user's photos.
    private static bool IsBundle(DirectoryInfo folder) =>
        folder.Name.EndsWith(".lrdata", StringComparison.OrdinalIgnoreCase)
        || folder.Name.EndsWith(".photoslibrary", StringComparison.OrdinalIgnoreCase)
        || folder.Name.EndsWith(".cocatalog", StringComparison.OrdinalIgnoreCase);

    // Read lazily, so a folder of a million files costs only the entries looked at; a folder that cannot be read (or
    // fails part way) is passed over: the others are still worth offering.
    private static IEnumerable<FileSystemInfo> Entries(DirectoryInfo folder)
    {
        IEnumerator<FileSystemInfo> entries;
        try
        {
            entries = folder.EnumerateFileSystemInfos("*", LibraryLook.OneLevel).GetEnumerator();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            yield break;
        }
        using (entries)
        {
            while (Next(entries) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private static FileSystemInfo? Next(IEnumerator<FileSystemInfo> entries)
    {
        try
        {
            return entries.MoveNext() ? entries.Current : null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }
}
