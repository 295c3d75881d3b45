using System.Threading.Channels;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>
/// A Google Photos Takeout export: unpacked (the folder holding "Takeout/Google Photos", "Google Photos" itself, or
/// any folder of album and year folders with their JSON sidecars), or still packed (one .zip/.tgz/.tar.gz/.tar, the
/// parts of one export given together, or the folder holding those parts). Archives are read in place, never
/// unpacked. A folder holding both an unpacked tree and archives is read as the tree.
/// </summary>
public sealed class TakeoutSource : IPhotoSource
{
    private static readonly string[] GooglePhotosNames = ["Google Photos", "Google Fotos", "Google Foto"];

    private readonly string? _tree;
    private readonly IReadOnlyList<ArchivePart> _parts = [];

    /// <summary>A Takeout folder, one archive, or a folder of archive parts.</summary>
    public TakeoutSource(string path) : this([path])
    {
    }

    /// <summary>
    /// One path as above, or the archive parts of one export (a file and its sidecar can be in different parts, so
    /// they must be read together). Throws <see cref="FileNotFoundException"/> for a path that does not exist.
    /// </summary>
    public TakeoutSource(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("A Takeout source needs at least one folder or archive.", nameof(paths));
        }
        var full = paths.Select(p => System.IO.Path.GetFullPath(p)).ToList();
        Path = full[0];
        if (full.Count == 1 && Directory.Exists(Path))
        {
            var archives = ArchivesIn(Path);
            if (archives.Count > 0 && !HasTakeoutFolders(Path))
            {
                _parts = [.. archives.Select(a => new ArchivePart(a, "takeout:" + Path))];
            }
            else
            {
                _tree = Path;
            }
            return;
        }
        foreach (var path in full)
        {
            if (Directory.Exists(path))
            {
                throw new ArgumentException($"{path} is a folder: give one Takeout folder, or the archive parts of one export.", nameof(paths));
            }
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"No Takeout folder or archive at {path}.", path);
            }
        }
        _parts = [.. full.Distinct(StringComparer.Ordinal).Select(a => new ArchivePart(a, "takeout:" + a))];
    }

    public string Path { get; }

    /// <summary>The archives read, in order; empty for an unpacked Takeout.</summary>
    public IReadOnlyList<string> Archives => [.. _parts.Select(p => p.Path)];

    public async Task<IReadOnlyList<WalkProblem>> ListAsync(ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<WalkProblem>();
        try
        {
            await Task.Run(
                () => _tree is not null
                    ? TakeoutTree.ListAsync(_tree, files, problems, cancellationToken)
                    : TakeoutArchives.ListAsync(_parts, files, problems, cancellationToken),
                cancellationToken);
        }
        finally
        {
            files.TryComplete();
        }
        return problems;
    }

    /// <summary>
    /// True for what looks like a Takeout: a folder as described above, a folder of Takeout archives, or an archive
    /// named takeout-... or starting with a "Takeout/" or "Google Photos/" folder. Reads folder listings and at most
    /// one archive's directory.
    /// </summary>
    public static bool Looks(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return TakeoutNames.HasArchiveExtension(path) && LooksLikeArchive(path);
            }
            // Only strong signs: a plain folder of pictures that happens to hold a Takeout zip, or one album folder
            // with sidecars, is still walked as a folder (`shoebox import takeout` says otherwise outright).
            return Directory.Exists(path) && (HasTakeoutFolders(path, guessFromSidecars: false) || IsFolderOfParts(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }

    private static bool LooksLikeArchive(string path)
    {
        if (IsNamedTakeout(path))
        {
            return true;
        }
        var first = ArchiveReader.Files(path).FirstOrDefault()?.Name.Replace('\\', '/').TrimStart('.', '/');
        return first is not null && GooglePhotosNames.Prepend("Takeout").Any(n => first.StartsWith(n + "/", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsNamedTakeout(string path) =>
        System.IO.Path.GetFileName(path).StartsWith("takeout-", StringComparison.OrdinalIgnoreCase);

    private static List<string> ArchivesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder).Where(TakeoutNames.HasArchiveExtension).Order(StringComparer.Ordinal)];

    // "Takeout/Google Photos", "Google Photos" (or the folder itself), a year folder, or a few album folders
    // sampled for an image beside its sidecar.
    private static bool IsFolderOfParts(string folder)
    {
        var files = Directory.EnumerateFiles(folder).Where(f => !System.IO.Path.GetFileName(f).StartsWith('.')).ToList();
        return files.Count > 0 && files.All(TakeoutNames.HasArchiveExtension) && files.Any(IsNamedTakeout);
    }

    private static bool HasTakeoutFolders(string folder, bool guessFromSidecars = true)
    {
        var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder));
        if (GooglePhotosNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        var subfolders = Directory.EnumerateDirectories(folder).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
        if (subfolders.Any(s => GooglePhotosNames.Contains(s, StringComparer.OrdinalIgnoreCase) || TakeoutNames.IsYearFolder(s)))
        {
            return true;
        }
        if (subfolders.Contains("Takeout", StringComparer.OrdinalIgnoreCase)
            && Directory.EnumerateDirectories(System.IO.Path.Join(folder, "Takeout"), "Google *").Any())
        {
            return true;
        }
        return guessFromSidecars && subfolders.Where(s => !s.StartsWith('.')).Take(8).Any(s => HasSidecarPair(System.IO.Path.Join(folder, s)));
    }

    private static bool HasSidecarPair(string folder)
    {
        var names = Directory.EnumerateFiles(folder).Take(200).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
        var images = names.Where(Core.ImageSniffer.HasImageExtension);
        return SidecarMatcher.Match(images, names.Where(TakeoutNames.IsJson)).Count > 0;
    }
}
