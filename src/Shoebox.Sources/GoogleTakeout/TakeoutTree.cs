using System.Threading.Channels;
using Shoebox.Core;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>
/// An unpacked Takeout: folder by folder, each image with the facts of its sidecar. Parts unpacked into one
/// folder (as Google's instructions say) merge their album folders, so a file and its JSON meet again.
/// </summary>
internal static class TakeoutTree
{
    private static readonly EnumerationOptions Listing = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    public static async Task ListAsync(
        string root, ChannelWriter<FoundFile> files, ICollection<WalkProblem> problems, CancellationToken cancellationToken)
    {
        var sourceId = "takeout:" + root;
        var folders = new Stack<(string Path, string? Name)>();
        folders.Push((root, null));
        while (folders.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(folder.Path).EnumerateFileSystemInfos("*", Listing)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new WalkProblem(folder.Path, $"folder cannot be read: {e.Message}", IsFolder: true));
                continue;
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var sub in entries.OfType<DirectoryInfo>().Reverse())
            {
                // Links to folders are not followed: a Takeout holds none, and a link loop would never end.
                if (!sub.Name.StartsWith('.') && sub.LinkTarget is null)
                {
                    folders.Push((sub.FullName, sub.Name));
                }
            }
            var plainFiles = entries.OfType<FileInfo>().Where(f => !f.Name.StartsWith('.')).ToList();
            foreach (var found in ListFolder(folder.Name, plainFiles, root, sourceId, problems))
            {
                await files.WriteAsync(found, cancellationToken);
            }
        }
    }

    private static List<FoundFile> ListFolder(
        string? folderName, List<FileInfo> entries, string root, string sourceId, ICollection<WalkProblem> problems)
    {
        var folder = new TakeoutFolder(folderName);
        var images = entries.Where(f => ImageSniffer.HasImageExtension(f.Name)).ToList();
        foreach (var image in images)
        {
            folder.AddImage(image.Name);
        }
        foreach (var json in entries.Where(f => TakeoutNames.IsJson(f.Name)))
        {
            ReadJson(folder, json);
        }
        var verdicts = folder.Resolve(problems);
        var found = new List<FoundFile>(images.Count);
        foreach (var image in images)
        {
            var verdict = verdicts[image.Name];
            if (verdict.Skip)
            {
                continue;
            }
            // A link's own size and time say nothing of the photo: use its target's.
            if (Target(image) is not { Exists: true } target)
            {
                problems.Add(new WalkProblem(image.FullName, "broken symbolic link (its target does not exist)", IsFolder: false));
                continue;
            }
            found.Add(new FoundFile(image.FullName, root, target.Length, target.LastWriteTimeUtc.Ticks)
            {
                SourceId = sourceId,
                Facts = verdict.Facts,
            });
        }
        return found;
    }

    private static FileInfo? Target(FileInfo file)
    {
        try
        {
            return file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void ReadJson(TakeoutFolder folder, FileInfo json)
    {
        try
        {
            if (json.Length > TakeoutJson.MaxLength)
            {
                folder.AddUnreadableJson(json.Name, json.FullName, $"sidecar is too large to be one ({json.Length} bytes)");
                return;
            }
            folder.AddJson(json.Name, json.FullName, File.ReadAllBytes(json.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            folder.AddUnreadableJson(json.Name, json.FullName, $"sidecar cannot be read: {e.Message}");
        }
    }
}
