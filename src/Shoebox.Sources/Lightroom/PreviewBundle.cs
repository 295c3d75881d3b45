using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>The largest preview Lightroom keeps of one image: a whole JPEG, its pixels not yet turned upright.</summary>
/// <param name="Orientation">EXIF orientation (1-8) to apply to the pixels, from ImageCacheEntry.orientation.</param>
/// <param name="Width">Width of the stored pixels, before turning.</param>
/// <param name="Height">Height of the stored pixels, before turning.</param>
public sealed record LargestPreview(string Uuid, byte[] Jpeg, int Orientation, int Width, int Height)
{
    /// <summary>The file the JPEG came from (a .lrprev or a 13.3+ per-size file).</summary>
    public string SourceFile { get; init; } = "";

    /// <summary>What was wrong with that file; empty when it was intact. Non-empty means "recovered".</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Things worth saying that are not damage (an orientation Shoebox does not know, left as stored).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool Recovered => Problems.Count > 0;

    /// <summary>Size once turned upright: a quarter turn (EXIF 5-8) swaps the sides.</summary>
    public (int Width, int Height) UprightSize => Orientation is >= 5 and <= 8 ? (Height, Width) : (Width, Height);
}

/// <summary>What to embed in an extracted preview so it keeps the facts the catalog held.</summary>
/// <param name="Keywords">Keywords as the user sees them; hierarchical ones as their path joined with '|'.</param>
public sealed record PreviewMetadata(DateTime? TakenAt, IReadOnlyList<string> Keywords, string? Caption, string? Title)
{
    public static PreviewMetadata None { get; } = new(null, [], null, null);
}

/// <summary>One image the bundle holds previews of: by catalog id when previews.db says it, always by pyramid uuid.</summary>
public sealed record PreviewEntry(string Uuid, long? ImageId, string? OrientationCode);

/// <summary>The outcome of looking for one image's preview: the preview, or why there is none.</summary>
public sealed record PreviewLookup(PreviewEntry? Entry, LargestPreview? Preview, string? Failure);

/// <summary>
/// A "&lt;catalog&gt; Previews.lrdata" bundle, read-only. previews.db is read once at open and closed; the preview
/// files are found by walking the bundle once, which covers both layouts (.lrprev pyramids and Lightroom
/// 13.3+'s per-size JPEGs) and upper/lower-case folder names alike.
/// </summary>
public sealed partial class PreviewBundle : IDisposable
{
    private readonly PreviewIndex? _index;
    private readonly Dictionary<string, List<string>> _filesByUuid;

    private PreviewBundle(string folder, PreviewIndex? index, Dictionary<string, List<string>> filesByUuid, IReadOnlyList<string> notes)
    {
        Folder = folder;
        _index = index;
        _filesByUuid = filesByUuid;
        Notes = notes;
    }

    public string Folder { get; }

    /// <summary>True when previews.db was read: entries carry catalog ids and orientations.</summary>
    public bool HasIndex => _index is not null;

    /// <summary>Things about the whole bundle worth telling the user (an unreadable previews.db, say).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every image with previews: from previews.db when there is one, else every uuid found on disk.</summary>
    public IReadOnlyList<PreviewEntry> Entries => _index is not null
        ? [.. _index.Entries.Values.OrderBy(e => e.ImageId).Select(e => new PreviewEntry(e.Uuid, e.ImageId, e.Orientation))]
        : [.. _filesByUuid.Keys.Order(StringComparer.Ordinal).Select(uuid => new PreviewEntry(uuid, null, null))];

    /// <summary>The bundle beside <paramref name="catalogPath"/> ("Main.lrcat" -> "Main Previews.lrdata"), or null when there is none.</summary>
    public static PreviewBundle? OpenBeside(string catalogPath)
    {
        var folder = BesidePath(catalogPath);
        return Directory.Exists(folder) ? Open(folder) : null;
    }

    public static string BesidePath(string catalogPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(catalogPath))!, Path.GetFileNameWithoutExtension(catalogPath) + " Previews.lrdata");

    /// <summary>Opens a bundle folder; throws with a clear message when it is not one.</summary>
    public static PreviewBundle Open(string bundleFolder)
    {
        ArgumentNullException.ThrowIfNull(bundleFolder);
        if (!Directory.Exists(bundleFolder))
        {
            throw new DirectoryNotFoundException($"{bundleFolder} does not exist (or is not a folder)");
        }
        var notes = new List<string>();
        PreviewIndex? index = null;
        var indexPath = Path.Combine(bundleFolder, PreviewIndex.FileName);
        if (File.Exists(indexPath))
        {
            try
            {
                index = PreviewIndex.Read(indexPath);
            }
            catch (Exception e) when (e is SqliteException or InvalidDataException or IOException)
            {
                notes.Add($"{PreviewIndex.FileName} cannot be read ({e.Message}); previews are found by walking the bundle and named by uuid");
            }
        }
        var files = Walk(bundleFolder);
        if (index is null && files.Count == 0)
        {
            throw new LightroomPreviewException($"{bundleFolder} is not a Lightroom previews bundle: it has no readable {PreviewIndex.FileName} and no preview files");
        }
        if (index is null && notes.Count == 0)
        {
            notes.Add($"no {PreviewIndex.FileName}: previews are named by uuid and left as stored (their orientation is unknown)");
        }
        return new PreviewBundle(Path.GetFullPath(bundleFolder), index, files, notes);
    }

    /// <summary>The largest readable preview of the image whose Adobe_images.id_local is <paramref name="imageId"/>, or null.</summary>
    public LargestPreview? FindLargest(long imageId) => Find(imageId).Preview;

    public PreviewLookup Find(long imageId)
    {
        if (_index is null)
        {
            return new PreviewLookup(null, null, $"the bundle has no readable {PreviewIndex.FileName}, so previews cannot be matched to catalog images");
        }
        return _index.Entries.TryGetValue(imageId, out var entry)
            ? Find(new PreviewEntry(entry.Uuid, entry.ImageId, entry.Orientation))
            : new PreviewLookup(null, null, "Lightroom has no preview of this image");
    }

    public PreviewLookup Find(PreviewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_filesByUuid.TryGetValue(entry.Uuid, out var files))
        {
            return new PreviewLookup(entry, null, $"no preview files for {entry.Uuid} in the bundle");
        }
        var notes = new List<string>();
        var orientation = LightroomOrientation.ToExif(entry.OrientationCode);
        if (orientation is null)
        {
            notes.Add($"orientation '{entry.OrientationCode}' is not one Shoebox knows; the preview is left as stored");
        }
        var digests = Digests(entry);
        var problems = new List<string>();
        var fromPyramid = LargestFromPyramids(files, digests, problems);
        var fromSizes = LargestFromSizeFiles(files, digests, problems);
        var best = fromSizes is not null && (fromPyramid is null || Area(fromSizes) >= Area(fromPyramid)) ? fromSizes : fromPyramid;
        if (best is null)
        {
            return new PreviewLookup(entry, null, problems.Count > 0 ? string.Join("; ", problems) : "no readable preview JPEG");
        }
        return new PreviewLookup(entry, best with { Uuid = entry.Uuid, Orientation = orientation ?? 1, Notes = notes }, null);
    }

    public void Dispose()
    {
        // Nothing is held open: previews.db was read and closed at open, preview files are read whole when asked.
    }

    private static long Area(LargestPreview preview) => (long)preview.Width * preview.Height;

    private (string? Pyramid, HashSet<string> Levels) Digests(PreviewEntry entry)
    {
        var levels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? pyramid = null;
        if (_index is not null)
        {
            if (entry.ImageId is { } id && _index.Entries.TryGetValue(id, out var indexed))
            {
                pyramid = indexed.Digest;
            }
            if (_index.Levels.TryGetValue(entry.Uuid, out var rows))
            {
                levels.UnionWith(rows.Select(r => r.Digest).OfType<string>());
            }
        }
        return (pyramid, levels);
    }

    // The current pyramid (its digest in previews.db) first; older ones only when it has nothing readable.
    private static LargestPreview? LargestFromPyramids(List<string> files, (string? Pyramid, HashSet<string> Levels) digests, List<string> problems)
    {
        var pyramids = files
            .Select(path => (Path: path, Match: PyramidName().Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .OrderByDescending(f => string.Equals(f.Match.Groups["digest"].Value, digests.Pyramid, StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(f => File.GetLastWriteTimeUtc(f.Path));
        foreach (var (path, match) in pyramids)
        {
            var found = LargestLevel(path, match.Groups["uuid"].Value, problems);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static LargestPreview? LargestLevel(string path, string uuid, List<string> problems)
    {
        LrprevFile file;
        try
        {
            file = LrprevFile.Read(path);
        }
        catch (IOException e)
        {
            problems.Add($"{Path.GetFileName(path)}: {e.Message}");
            return null;
        }
        var fileProblems = file.Problems.Select(p => $"{Path.GetFileName(path)}: {p}").ToList();
        var skipped = new List<int>();
        foreach (var level in file.Levels.OrderByDescending(l => l.Level))
        {
            if (JpegProbe.Size(level.Jpeg) is { } size)
            {
                if (skipped.Count > 0)
                {
                    fileProblems.Add($"{Path.GetFileName(path)}: level{(skipped.Count == 1 ? "" : "s")} {string.Join(", ", skipped)} cannot be decoded; used level {level.Level}");
                }
                return new LargestPreview(file.Header?.Uuid ?? uuid, level.Jpeg, 1, size.Width, size.Height) { SourceFile = path, Problems = fileProblems };
            }
            skipped.Add(level.Level);
        }
        problems.AddRange(fileProblems);
        problems.Add($"{Path.GetFileName(path)}: no level holds a readable JPEG");
        return null;
    }

    private static LargestPreview? LargestFromSizeFiles(List<string> files, (string? Pyramid, HashSet<string> Levels) digests, List<string> problems)
    {
        var sizes = files
            .Select(path => (Path: path, Match: SizeFileName().Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .OrderByDescending(f => digests.Levels.Contains(f.Match.Groups["digest"].Value))
            .ThenByDescending(f => int.TryParse(f.Match.Groups["long"].ValueSpan, out var longEdge) ? longEdge : 0);
        var unreadable = new List<string>();
        foreach (var (path, match) in sizes)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (IOException e)
            {
                unreadable.Add($"{Path.GetFileName(path)}: {e.Message}");
                continue;
            }
            var jpeg = JpegStructure.StartsAt(bytes, 0) ? JpegStructure.WithEndMarker(bytes, out _) : bytes;
            if (JpegProbe.Size(jpeg) is { } size)
            {
                return new LargestPreview(match.Groups["uuid"].Value, jpeg, 1, size.Width, size.Height)
                {
                    SourceFile = path,
                    Problems = [.. unreadable.Select(u => $"{u} (a smaller size was used)")],
                };
            }
            unreadable.Add($"{Path.GetFileName(path)}: not a readable JPEG");
        }
        problems.AddRange(unreadable);
        return null;
    }

    private static Dictionary<string, List<string>> Walk(string folder)
    {
        var byUuid = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 4, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(folder, "*", options))
        {
            var name = Path.GetFileName(path);
            var match = PyramidName().Match(name);
            if (!match.Success)
            {
                match = SizeFileName().Match(name);
            }
            if (!match.Success)
            {
                continue;
            }
            var uuid = match.Groups["uuid"].Value;
            if (!byUuid.TryGetValue(uuid, out var list))
            {
                byUuid[uuid] = list = [];
            }
            list.Add(path);
        }
        return byUuid;
    }

    [GeneratedRegex(@"^(?<uuid>[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})-(?<digest>[0-9A-Z]+)\.lrprev$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PyramidName();

    [GeneratedRegex(@"^(?<uuid>[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})-(?<digest>[0-9A-Z]+)_(?<long>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeFileName();
}

/// <summary>A Lightroom file or folder that is not what it should be; the message names it and says what is wrong.</summary>
public sealed class LightroomPreviewException(string message) : FormatException(message);
