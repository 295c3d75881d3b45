using Shoebox.Core;
using System.Threading.Channels;

namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// Lists a Capture One catalog's or session's images (not trashed; variants as one) at their originals' paths,
/// with what Capture One shows of them. <paramref name="map"/> rewrites referenced originals' paths for a drive
/// mounted elsewhere. An offline original is stood in for by a preview only when Capture One kept one as a plain JPEG.
/// </summary>
public sealed class CaptureOneSource(string path, Func<string, string>? map = null) : IPhotoSource
{
    public const string SourceName = "capture-one";

    public const string Offline = "original not found (offline?) and Capture One keeps no JPEG preview of it";

    public string Path { get; } = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));

    public string SourceId => SourceName + ":" + Path;

    public static bool Looks(string path) => CaptureOneFiles.Looks(path);

    public async Task<IReadOnlyList<WalkProblem>> ListAsync(ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<WalkProblem>();
        try
        {
            var database = CaptureOneFiles.DatabaseOf(Path)
                ?? throw new InvalidDataException($"{Path} is not a Capture One catalog or session: no {CaptureOneFiles.CatalogDatabaseExtension} or {CaptureOneFiles.SessionDatabaseExtension} database in it");
            var folder = System.IO.Path.GetDirectoryName(database) ?? Path;
            var images = await Task.Run(() =>
            {
                using var catalog = CaptureOneCatalog.Open(database);
                return catalog.ReadImages();
            }, cancellationToken);
            CaptureOnePreviews? previews = null;
            foreach (var image in images)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var found = Find(folder, image, () => previews ??= CaptureOnePreviews.Find(folder), problems);
                if (found is not null)
                {
                    await files.WriteAsync(found, cancellationToken);
                }
            }
        }
        finally
        {
            files.TryComplete();
        }
        return problems;
    }

    private FoundFile? Find(string databaseFolder, CaptureOneImage image, Func<CaptureOnePreviews> previews, List<WalkProblem> problems)
    {
        if (CaptureOneFiles.Original(databaseFolder, image) is not { } named)
        {
            problems.Add(new WalkProblem(System.IO.Path.Combine(Path, image.FileName), "the catalog names no folder for this image", IsFolder: false));
            return null;
        }
        var original = image.Folder is { InsideCatalog: false } && map is not null ? map(named) : named;
        var facts = image.Facts;
        var file = Existing(original);
        if (file is not null)
        {
            return new FoundFile(original, Path, file.Length, file.LastWriteTimeUtc.Ticks) { SourceId = SourceId, Facts = facts };
        }
        if (previews().LargestJpeg(image) is { } preview)
        {
            return new FoundFile(original, Path, preview.Length, preview.LastWriteTimeUtc.Ticks)
            {
                SourceId = SourceId,
                Content = new StandIn(preview.FullName),
                Facts = facts with { IsPreview = true },
            };
        }
        problems.Add(new WalkProblem(original, Offline, IsFolder: false));
        return null;
    }

    // A Windows path read elsewhere ("P:\Photos\x.jpg") is never a file here, and must not throw.
    private static FileInfo? Existing(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists ? file : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
