using Shoebox.Sources;
using Shoebox.Sources.ApplePhotos;
using Shoebox.Sources.CaptureOne;
using Shoebox.Sources.GoogleTakeout;
using Shoebox.Sources.Lightroom;

namespace Shoebox.Indexing;

/// <summary>The kinds of photo library Shoebox imports, besides plain folders.</summary>
public enum LibraryKind
{
    Folder,
    Takeout,
    Lightroom,
    ApplePhotos,
    CaptureOne,
}

/// <summary>
/// Which importer reads a path, and the importer itself. Each library is kept in the catalog under an id made of
/// its kind and full path ("lightroom:/photos/Main.lrcat"), so `serve` can read it again later.
/// </summary>
public static class PhotoLibraries
{
    /// <summary>The files and folders read as photo libraries, for messages about a path that is none.</summary>
    public const string WhatIsRead = "a Takeout .zip or .tgz, a Lightroom .lrcat, an Apple Photos .photoslibrary, a Capture One .cocatalog or session";

    /// <summary>What the path looks like: a .lrcat, a .photoslibrary, a Capture One catalog or session, a Takeout folder, an archive, else a folder.</summary>
    public static LibraryKind Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (LightroomSource.Looks(path))
        {
            return LibraryKind.Lightroom;
        }
        if (ApplePhotosSource.Looks(path))
        {
            return LibraryKind.ApplePhotos;
        }
        if (CaptureOneSource.Looks(path))
        {
            return LibraryKind.CaptureOne;
        }
        // Any archive given by name is read in place the Takeout way: its images, with sidecars when it has them.
        return TakeoutSource.Looks(path) || (File.Exists(path) && ArchiveReader.IsArchive(path)) ? LibraryKind.Takeout : LibraryKind.Folder;
    }

    /// <param name="paths">Where referenced originals are on this machine when their drive is mounted elsewhere (Capture One's).</param>
    public static LibrarySource Open(LibraryKind kind, string path, string libraryFolder, PathMap? paths = null)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (kind == LibraryKind.Takeout)
        {
            var takeout = new TakeoutSource([full]);
            return new LibrarySource($"{Name(kind)}:{full}", takeout) { Stamp = takeout.Archives.Count == 0 ? null : () => StampOf(takeout.Archives) };
        }
        IPhotoSource source = kind switch
        {
            LibraryKind.Lightroom => new LightroomSource(full, StandInFolder(libraryFolder, "lightroom", full)),
            LibraryKind.ApplePhotos => new ApplePhotosSource(full),
            LibraryKind.CaptureOne => new CaptureOneSource(full, paths is null || paths.IsEmpty ? null : paths.Apply),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "folders are walked, not imported"),
        };
        return new LibrarySource($"{Name(kind)}:{full}", source);
    }

    /// <summary>The library an id names (as kept by <see cref="Open"/>).</summary>
    public static LibrarySource FromId(string id, string libraryFolder)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? null : KindNamed(id[..colon]);
        return kind is { } known && known != LibraryKind.Folder
            ? Open(known, id[(colon + 1)..], libraryFolder)
            : throw new ArgumentException($"{id} does not name a photo library", nameof(id));
    }

    /// <summary>The kind <paramref name="name"/> stands for (as <see cref="Name"/> gives it, and the catalog keeps it); null when none.</summary>
    public static LibraryKind? KindNamed(string name) => Enum.GetValues<LibraryKind>().Cast<LibraryKind?>().FirstOrDefault(k => Name(k!.Value) == name);

    public static string Name(LibraryKind kind) => kind switch
    {
        LibraryKind.Takeout => "takeout",
        LibraryKind.Lightroom => "lightroom",
        LibraryKind.ApplePhotos => "apple-photos",
        LibraryKind.CaptureOne => CaptureOneSource.SourceName,
        _ => "folder",
    };

    // Archives of an export do not change in place; a new size or time means a new download.
    private static string StampOf(IEnumerable<string> archives) => string.Join('|', archives.Select(archive =>
    {
        var info = new FileInfo(archive);
        return info.Exists ? $"{archive}:{info.Length}:{info.LastWriteTimeUtc.Ticks}" : $"{archive}:gone";
    }));

    // Stand-ins (previews of offline originals) live in the Shoebox library, never in the source: one folder per
    // catalog, named by a hash of its path so two catalogs with the same file name do not share one.
    private static string StandInFolder(string libraryFolder, string kind, string sourcePath)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sourcePath)))[..16];
        return Path.Combine(libraryFolder, "stand-ins", kind, key);
    }
}
