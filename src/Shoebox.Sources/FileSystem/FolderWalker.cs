using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Threading.Channels;

namespace Shoebox.Sources.FileSystem;

/// <summary>
/// Lists every regular file under a set of roots, several folders at a time. It reads no file content: deciding
/// what is an image is the next stage's job, so an unchanged library costs only directory listings.
/// </summary>
public sealed class FolderWalker
{
    private readonly WalkOptions _options;
    private readonly HashSet<string> _excludedNames;
    private readonly HashSet<string> _excludedPaths;

    public FolderWalker(WalkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _excludedNames = new HashSet<string>(options.ExcludedNames, StringComparer.OrdinalIgnoreCase);
        _excludedPaths = options.ExcludedPaths.Select(NativePath.Canonical).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Writes every file found to <paramref name="files"/> and completes it; returns what could not be read.</summary>
    public async Task<IReadOnlyList<WalkProblem>> WalkAsync(
        IReadOnlyList<string> roots, ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(files);
        var walk = new Walk(this, files, cancellationToken);
        try
        {
            await walk.RunAsync(roots);
        }
        finally
        {
            files.TryComplete();
        }
        return [.. walk.Problems];
    }

    /// <summary>The reason given for a photo library's folder that the walk leaves to `shoebox import`.</summary>
    public const string LibraryFolderReason = "a photo library's own folder: read it with `shoebox import`";

    private bool IsExcludedFolder(string name) => _excludedNames.Contains(name) || IsLibraryFolder(name);

    // A Photos library, a Capture One catalog or a Lightroom preview cache holds every picture again as renders and
    // previews (and a catalog its own originals, which its importer reads with their metadata): walking it
    // would catalogue each photo several times. Libraries are read with `shoebox import`, which knows their insides.
    private static bool IsLibraryFolder(string name) =>
        name.EndsWith(".photoslibrary", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".lrdata", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".cocatalog", StringComparison.OrdinalIgnoreCase);

    private bool IsSkipped(string name, FileAttributes attributes) =>
        !_options.IncludeHidden && (name.StartsWith('.') || (OperatingSystem.IsWindows() && attributes.HasFlag(FileAttributes.Hidden)));

    /// <summary>State of one walk: the folders still to list and those already seen (by canonical path).</summary>
    private sealed class Walk(FolderWalker owner, ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
    {
        private readonly Channel<Folder> _folders = Channel.CreateUnbounded<Folder>();
        private readonly ConcurrentDictionary<string, byte> _visited = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<Folder> _linked = new();
        private int _outstanding;

        public ConcurrentBag<WalkProblem> Problems { get; } = [];

        public async Task RunAsync(IReadOnlyList<string> roots)
        {
            foreach (var root in roots)
            {
                var full = Path.GetFullPath(root);
                Enqueue(new Folder(full, full, NativePath.Canonical(full)));
            }
            if (_outstanding == 0)
            {
                return;
            }
            var workers = Enumerable.Range(0, Math.Max(1, owner._options.Parallelism))
                .Select(_ => Task.Run(WorkAsync, cancellationToken));
            await Task.WhenAll(workers);
        }

        private bool Enqueue(Folder folder)
        {
            if (owner._excludedPaths.Contains(folder.Canonical) || !_visited.TryAdd(folder.Canonical, 0))
            {
                return false; // the library itself, or a folder already reached through another path or a link loop
            }
            Interlocked.Increment(ref _outstanding);
            _folders.Writer.TryWrite(folder);
            return true;
        }

        // Folders reached through links are walked only once everything else is done, so a folder that is also
        // reachable by its own path is always listed under that path, whatever order the parallel walk took:
        // otherwise a rerun could list it under the other path and report its files as moved. Called when no
        // folder is being listed, so nothing else touches the queue meanwhile.
        private bool ReleaseLinkedFolders()
        {
            var released = false;
            while (_linked.TryDequeue(out var folder))
            {
                released |= Enqueue(folder);
            }
            return released;
        }

        private async Task WorkAsync()
        {
            await foreach (var folder in _folders.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await ListAsync(folder);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _outstanding) == 0 && !ReleaseLinkedFolders())
                    {
                        _folders.Writer.TryComplete();
                    }
                }
            }
        }

        private async Task ListAsync(Folder folder)
        {
            List<Entry> entries;
            try
            {
                entries = [.. new FileSystemEnumerable<Entry>(folder.Path, Entry.From, ListingOptions)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Problems.Add(new WalkProblem(folder.Path, DescribeListingError(e), IsFolder: true));
                return;
            }
            foreach (var entry in entries)
            {
                if (owner.IsSkipped(entry.Name, entry.Attributes))
                {
                    continue;
                }
                var path = Path.Join(folder.Path, entry.Name);
                if (entry.IsSymbolicLink)
                {
                    await FollowLinkAsync(folder, path);
                }
                else if (entry.IsDirectory)
                {
                    if (IsLibraryFolder(entry.Name))
                    {
                        // Reported as a folder not listed, so what an earlier walk found inside is not marked missing.
                        Problems.Add(new WalkProblem(path, LibraryFolderReason, IsFolder: true));
                    }
                    else if (!owner.IsExcludedFolder(entry.Name))
                    {
                        Enqueue(new Folder(path, folder.Root, Path.Join(folder.Canonical, entry.Name)));
                    }
                }
                else if (entry.IsRegularFile)
                {
                    await files.WriteAsync(new FoundFile(path, folder.Root, entry.Size, entry.ModifiedTicks), cancellationToken);
                }
            }
        }

        // Directory.Exists and FileInfo follow links to their final target; a link whose target is gone is neither.
        private async Task FollowLinkAsync(Folder folder, string path)
        {
            if (Directory.Exists(path))
            {
                if (!owner.IsExcludedFolder(Path.GetFileName(path)))
                {
                    _linked.Enqueue(new Folder(path, folder.Root, NativePath.Canonical(path)));
                }
                return;
            }
            FileSystemInfo? target;
            try
            {
                target = File.ResolveLinkTarget(path, returnFinalTarget: true);
                target?.Refresh();
            }
            catch (IOException e)
            {
                Problems.Add(new WalkProblem(path, $"symbolic link cannot be followed: {e.Message}", IsFolder: false));
                return;
            }
            if (target is not FileInfo { Exists: true } file)
            {
                Problems.Add(new WalkProblem(path, "broken symbolic link (its target does not exist)", IsFolder: false));
                return;
            }
            await files.WriteAsync(new FoundFile(path, folder.Root, file.Length, file.LastWriteTimeUtc.Ticks), cancellationToken);
        }

        private static string DescribeListingError(Exception e) => e switch
        {
            UnauthorizedAccessException => "folder cannot be read (permission denied)",
            DirectoryNotFoundException => "folder vanished while it was being listed",
            _ => $"folder cannot be read: {e.Message}",
        };
    }

    private static readonly EnumerationOptions ListingOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private sealed record Folder(string Path, string Root, string Canonical);

    /// <summary>The few facts kept from a directory entry, copied out while the entry is valid.</summary>
    private readonly record struct Entry(
        string Name, FileAttributes Attributes, bool IsDirectory, bool IsSymbolicLink, bool IsRegularFile, long Size, long ModifiedTicks)
    {
        public static Entry From(ref FileSystemEntry entry)
        {
            var attributes = entry.Attributes;
            var isLink = (attributes & FileAttributes.ReparsePoint) != 0;
            var isDirectory = entry.IsDirectory;
            // Sockets, pipes and devices are neither directories nor plain files; they are skipped.
            var isRegular = !isLink && !isDirectory && (attributes & (FileAttributes.Device | FileAttributes.System)) == 0;
            return new Entry(
                entry.FileName.ToString(),
                attributes,
                isDirectory,
                isLink,
                isRegular,
                isRegular ? entry.Length : 0,
                isRegular ? entry.LastWriteTimeUtc.UtcTicks : 0);
        }
    }
}
