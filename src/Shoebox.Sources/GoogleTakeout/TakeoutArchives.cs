using System.Threading.Channels;
using Shoebox.Core;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>One archive of a Takeout export, and the source id its images are listed under.</summary>
internal sealed record ArchivePart(string Path, string SourceId);

/// <summary>
/// A Takeout still in its archives, read in place. A file and its JSON may sit in different parts, so a first pass
/// gathers every part's names and JSON files (a zip reads only those; a .tgz is decompressed once for them) and
/// a second reads the images. A damaged part is reported; what was read before the damage is kept.
/// </summary>
internal static class TakeoutArchives
{
    public static async Task ListAsync(
        IReadOnlyList<ArchivePart> parts, ChannelWriter<FoundFile> files, ICollection<WalkProblem> problems,
        CancellationToken cancellationToken)
    {
        var folders = new Dictionary<string, TakeoutFolder>(StringComparer.Ordinal);
        var damaged = new HashSet<ArchivePart>();
        foreach (var part in parts)
        {
            if (!Gather(part, folders, cancellationToken, out var problem))
            {
                problems.Add(problem!);
                damaged.Add(part);
            }
        }
        var verdicts = new Dictionary<string, Dictionary<string, ImageVerdict>>(StringComparer.Ordinal);
        foreach (var (key, folder) in folders.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            verdicts[key] = folder.Resolve(problems);
        }
        foreach (var part in parts)
        {
            await EmitAsync(part, verdicts, files, problems, reportDamage: !damaged.Contains(part), cancellationToken);
        }
    }

    private static bool Gather(
        ArchivePart part, Dictionary<string, TakeoutFolder> folders, CancellationToken cancellationToken, out WalkProblem? problem)
    {
        problem = null;
        try
        {
            foreach (var item in ArchiveReader.Files(part.Path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (item.Refused is not null)
                {
                    continue; // reported once, when the images are listed
                }
                var (key, name) = Split(item.Name);
                if (ImageSniffer.HasImageExtension(name))
                {
                    FolderOf(folders, key).AddImage(name);
                }
                else if (TakeoutNames.IsJson(name))
                {
                    ReadJson(FolderOf(folders, key), part, item, name);
                }
            }
            return true;
        }
        catch (Exception e) when (IsDamage(e))
        {
            problem = Damage(part, e);
            return false;
        }
    }

    private static void ReadJson(TakeoutFolder folder, ArchivePart part, ArchiveItem item, string name)
    {
        var path = VirtualPath(part, item.Name);
        if (item.Length > TakeoutJson.MaxLength)
        {
            folder.AddUnreadableJson(name, path, $"sidecar is too large to be one ({item.Length} bytes)");
            return;
        }
        byte[] content;
        try
        {
            using var stream = item.Open();
            content = new byte[item.Length];
            stream.ReadExactly(content);
        }
        catch (Exception e) when (IsDamage(e) && item.Independent)
        {
            folder.AddUnreadableJson(name, path, $"sidecar cannot be read from the archive: {e.Message}");
            return;
        }
        folder.AddJson(name, path, content);
    }

    private static async Task EmitAsync(
        ArchivePart part, Dictionary<string, Dictionary<string, ImageVerdict>> verdicts, ChannelWriter<FoundFile> files,
        ICollection<WalkProblem> problems, bool reportDamage, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var item in ArchiveReader.Files(part.Path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (key, name) = Split(item.Name);
                if (item.Refused is { } refused)
                {
                    if (ImageSniffer.HasImageExtension(name) || TakeoutNames.IsJson(name))
                    {
                        problems.Add(new WalkProblem(VirtualPath(part, item.Name), $"skipped: {refused}", IsFolder: false));
                    }
                    continue;
                }
                if (!ImageSniffer.HasImageExtension(name))
                {
                    continue;
                }
                var verdict = verdicts.TryGetValue(key, out var folder) && folder.TryGetValue(name, out var v) ? v : default;
                if (verdict.Skip)
                {
                    continue;
                }
                (ContentHash, ImageFormat)? identified;
                try
                {
                    using var content = item.Open();
                    identified = EntryIdentifier.Identify(content, item.Length, item.Crc32);
                }
                catch (Exception e) when (IsDamage(e) && item.Independent)
                {
                    problems.Add(new WalkProblem(VirtualPath(part, item.Name), $"cannot be read from the archive: {e.Message}", IsFolder: false));
                    continue;
                }
                var found = new FoundFile(VirtualPath(part, item.Name), part.Path, item.Length, item.ModifiedTicks)
                {
                    SourceId = part.SourceId,
                    Content = new ArchiveEntry(part.Path, item.Name),
                    Facts = verdict.Facts,
                    Identified = identified,
                };
                await files.WriteAsync(found, cancellationToken);
            }
        }
        catch (Exception e) when (IsDamage(e))
        {
            if (reportDamage)
            {
                problems.Add(Damage(part, e));
            }
        }
    }

    private static TakeoutFolder FolderOf(Dictionary<string, TakeoutFolder> folders, string key)
    {
        if (!folders.TryGetValue(key, out var folder))
        {
            var slash = key.LastIndexOf('/');
            folder = new TakeoutFolder(key.Length == 0 ? null : key[(slash + 1)..]);
            folders[key] = folder;
        }
        return folder;
    }

    // Entry names use '/'; some zip tools wrote '\', and tar often starts them with "./".
    private static string Tidy(string entryName)
    {
        var tidy = entryName.Replace('\\', '/');
        while (tidy.StartsWith("./", StringComparison.Ordinal))
        {
            tidy = tidy[2..];
        }
        return tidy;
    }

    private static (string Folder, string Name) Split(string entryName)
    {
        var normalized = Tidy(entryName);
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? ("", normalized) : (normalized[..slash], normalized[(slash + 1)..]);
    }

    private static string VirtualPath(ArchivePart part, string entryName) => part.Path + "/" + Tidy(entryName);

    private static bool IsDamage(Exception e) => e is InvalidDataException or IOException or UnauthorizedAccessException;

    private static WalkProblem Damage(ArchivePart part, Exception e)
    {
        var reason = e switch
        {
            FileNotFoundException or DirectoryNotFoundException => "archive vanished while it was being read",
            UnauthorizedAccessException => "archive cannot be read (permission denied)",
            EndOfStreamException => "archive is truncated (it ends in the middle of a file); only what comes before is listed",
            _ => $"archive is damaged or truncated ({e.Message}); only what comes before the damage is listed",
        };
        return new WalkProblem(part.Path, reason, IsFolder: true); // the part was not read to its end
    }
}
