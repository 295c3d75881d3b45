using Shoebox.Core;
using System.Threading.Channels;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// Lists a Lightroom Classic catalog's master images at their original paths, with what the catalog says about
/// them. An original on a drive that is not plugged in is stood in for by Lightroom's largest preview, written
/// once into <paramref name="standInFolder"/> (inside the Shoebox library) as an upright JPEG.
/// </summary>
public sealed class LightroomSource(string catalogPath, string standInFolder) : IPhotoSource
{
    public const string SourceName = "lightroom";

    public string Path { get; } = System.IO.Path.GetFullPath(catalogPath);

    public string SourceId => SourceName + ":" + Path;

    /// <summary>A cheap guess, from the name alone, that <paramref name="path"/> is a Lightroom catalog.</summary>
    public static bool Looks(string path) =>
        !string.IsNullOrEmpty(path) && path.EndsWith(".lrcat", StringComparison.OrdinalIgnoreCase) && File.Exists(path);

    public async Task<IReadOnlyList<WalkProblem>> ListAsync(ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<WalkProblem>();
        try
        {
            var images = await Task.Run(() =>
            {
                using var catalog = LightroomCatalog.Open(Path);
                var read = catalog.ReadImages();
                problems.AddRange(catalog.Unreadable.Select(image => new WalkProblem(Path, image.Reason, IsFolder: false)));
                return read;
            }, cancellationToken);
            using var standIns = new LightroomStandIns(Path, standInFolder);
            foreach (var image in images)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var found = Find(image, standIns, problems);
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

    private FoundFile? Find(LightroomImage image, LightroomStandIns standIns, List<WalkProblem> problems)
    {
        var facts = Facts(image);
        var original = new FileInfo(image.OriginalPath);
        if (IsReadable(original))
        {
            return new FoundFile(image.OriginalPath, image.RootFolder, original.Length, original.LastWriteTimeUtc.Ticks)
            {
                SourceId = SourceId,
                Facts = facts,
            };
        }
        var (standIn, problem) = standIns.For(image);
        if (standIn is null)
        {
            problems.Add(new WalkProblem(image.OriginalPath, problem ?? LightroomStandIns.NoPreview, IsFolder: false));
            return null;
        }
        return new FoundFile(image.OriginalPath, image.RootFolder, standIn.Length, standIn.LastWriteTimeUtc.Ticks)
        {
            SourceId = SourceId,
            Content = new StandIn(standIn.FullName),
            Facts = facts with { IsPreview = true },
        };
    }

    // Windows catalogs name drive-letter paths ("D:/Photos/x.jpg") that are never files here.
    private static bool IsReadable(FileInfo original)
    {
        try
        {
            return original.Exists;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static SourceFacts Facts(LightroomImage image) => new()
    {
        Source = SourceName,
        Overrides = true,
        TakenAt = image.CaptureTime,
        Rating = image.Rating,
        Pick = image.Pick,
        Label = image.Label,
        Title = image.Title,
        Description = image.Caption,
        Keywords = image.Keywords,
        People = image.People,
        Albums = image.Collections,
        Latitude = image.Latitude,
        Longitude = image.Longitude,
        CameraModel = image.CameraModel,
        Lens = image.Lens,
    };
}
