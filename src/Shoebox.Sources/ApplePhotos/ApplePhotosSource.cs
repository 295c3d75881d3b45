using Shoebox.Core;
using System.Threading.Channels;

namespace Shoebox.Sources.ApplePhotos;

/// <summary>
/// Lists the visible photos of an Apple Photos library at their originals' paths, with what Photos says about them.
/// An original kept only in iCloud is read from the largest preview the library holds instead.
/// </summary>
public sealed class ApplePhotosSource(string libraryPath) : IPhotoSource
{
    public const string SourceName = "apple-photos";

    public string Path { get; } = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(libraryPath));

    public string SourceId => SourceName + ":" + Path;

    /// <summary>A cheap check that <paramref name="path"/> is a .photoslibrary folder with its database.</summary>
    public static bool Looks(string path) =>
        !string.IsNullOrEmpty(path)
        && System.IO.Path.TrimEndingDirectorySeparator(path).EndsWith(".photoslibrary", StringComparison.OrdinalIgnoreCase)
        && File.Exists(ApplePhotosLibrary.DatabaseOf(path));

    public async Task<IReadOnlyList<WalkProblem>> ListAsync(ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<WalkProblem>();
        try
        {
            var assets = await Task.Run(() =>
            {
                using var library = ApplePhotosLibrary.Open(Path);
                return library.ReadAssets();
            }, cancellationToken);
            foreach (var asset in assets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var found = Find(asset, problems);
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

    private FoundFile? Find(ApplePhotosAsset asset, List<WalkProblem> problems)
    {
        var original = ApplePhotosFiles.Original(Path, asset);
        if (original is null)
        {
            problems.Add(new WalkProblem(System.IO.Path.Combine(Path, asset.Uuid), "the library names no file for this photo", IsFolder: false));
            return null;
        }
        var facts = Facts(asset);
        var file = new FileInfo(original);
        if (file.Exists)
        {
            return new FoundFile(original, Path, file.Length, file.LastWriteTimeUtc.Ticks) { SourceId = SourceId, Facts = facts };
        }
        if (ApplePhotosFiles.LargestPreview(Path, asset.Uuid) is { } preview)
        {
            return new FoundFile(original, Path, preview.Length, preview.LastWriteTimeUtc.Ticks)
            {
                SourceId = SourceId,
                Content = new StandIn(preview.FullName),
                Facts = facts with { IsPreview = true },
            };
        }
        problems.Add(new WalkProblem(original, "original not in the library (only in iCloud?) and Photos keeps no preview of it", IsFolder: false));
        return null;
    }

    private static SourceFacts Facts(ApplePhotosAsset asset) => new()
    {
        Source = SourceName,
        Overrides = true,
        TakenAt = asset.TakenAt,
        TakenOffset = asset.TakenOffset,
        Latitude = asset.Latitude,
        Longitude = asset.Longitude,
        Favorite = asset.Favorite,
        Title = asset.Title,
        Description = asset.Description,
        Keywords = asset.Keywords,
        Albums = asset.Albums,
    };
}
