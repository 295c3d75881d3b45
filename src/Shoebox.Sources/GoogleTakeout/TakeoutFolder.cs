using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>A JSON file of a folder as read: its content, or why it could not be used.</summary>
internal sealed record SidecarRead(string Path, TakeoutJson? Json, string? Problem);

/// <summary>What the Takeout says of one image: leave it out (it is in the trash), or list it with these facts.</summary>
internal readonly record struct ImageVerdict(bool Skip, SourceFacts? Facts);

/// <summary>
/// The image names and JSON files of one Takeout folder, gathered from every part of the export, and what they
/// say of each image once all are in.
/// </summary>
internal sealed class TakeoutFolder(string? name)
{
    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".mov", ".m4v", ".3gp", ".avi", ".mkv", ".mts", ".m2ts", ".webm", ".wmv", ".mpg",
    };

    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SidecarRead> _jsons = new(StringComparer.Ordinal);

    /// <summary>The folder's own name; null for the top of what was given (never an album).</summary>
    public string? Name => name;

    public void AddImage(string imageName) => _images.Add(imageName);

    /// <summary>Reads a JSON file of the folder; one that is not JSON is kept as a problem for its image.</summary>
    public void AddJson(string jsonName, string path, ReadOnlySpan<byte> content)
    {
        try
        {
            _jsons[jsonName] = new SidecarRead(path, TakeoutJson.Parse(content), null);
        }
        catch (JsonException e)
        {
            _jsons[jsonName] = new SidecarRead(path, null, $"sidecar is not valid JSON: {e.Message}");
        }
    }

    public void AddUnreadableJson(string jsonName, string path, string problem) =>
        _jsons[jsonName] = new SidecarRead(path, null, problem);

    /// <summary>The verdict for every image of the folder; each JSON that could not be used is reported once.</summary>
    public Dictionary<string, ImageVerdict> Resolve(ICollection<WalkProblem> problems)
    {
        foreach (var json in _jsons.Values.Where(j => j.Problem is not null).OrderBy(j => j.Path, StringComparer.Ordinal))
        {
            problems.Add(new WalkProblem(json.Path, json.Problem!, IsFolder: false));
        }
        var album = AlbumName();
        var sidecars = _jsons.Where(j => j.Value.Json is not { IsAlbum: true }).ToDictionary(j => j.Key, j => j.Value, StringComparer.Ordinal);
        var matches = SidecarMatcher.Match(_images, sidecars.Keys, s => sidecars[s].Json?.Title);
        var verdicts = new Dictionary<string, ImageVerdict>(StringComparer.Ordinal);
        foreach (var image in _images)
        {
            var json = matches.TryGetValue(image, out var sidecar) ? sidecars[sidecar].Json : null;
            verdicts[image] = json is { Trashed: true } ? new ImageVerdict(true, null) : new ImageVerdict(false, Facts(image, json, album));
        }
        return verdicts;
    }

    // An album folder is named after its album; its metadata.json holds the name as typed (the folder name may
    // carry a counter or lose characters a file system refuses).
    private string? AlbumName()
    {
        if (name is null || !TakeoutNames.IsAlbumFolder(name))
        {
            return null;
        }
        return _jsons.OrderBy(j => j.Key, StringComparer.Ordinal)
            .Select(j => j.Value.Json)
            .FirstOrDefault(j => j is { IsAlbum: true, Title: not null })?.Title ?? name;
    }

    private static SourceFacts? Facts(string image, TakeoutJson? json, string? album)
    {
        if (json is null && album is null)
        {
            return null;
        }
        return new SourceFacts
        {
            Source = "takeout",
            Overrides = false,
            TakenAt = json?.TakenAt,
            TakenOffset = json?.TakenAt is null ? null : TimeSpan.Zero,
            Latitude = json?.Latitude,
            Longitude = json?.Longitude,
            Altitude = json?.Altitude,
            Title = UserTitle(json?.Title, image),
            Description = json?.Description,
            People = json?.People ?? [],
            Favorite = json?.Favorite ?? false,
            Albums = album is null ? [] : [album],
        };
    }

    // Takeout's "title" is the uploaded file name: it says nothing the file's own name does not, unless someone
    // typed a real title there. A title that is a file name (same name, or any media extension) is dropped.
    private static string? UserTitle(string? title, string image)
    {
        if (title is null)
        {
            return null;
        }
        var extension = Path.GetExtension(title);
        if (ImageSniffer.HasImageExtension(title) || VideoExtensions.Contains(extension))
        {
            return null;
        }
        var normalized = TakeoutNames.Nfc(title);
        var imageName = TakeoutNames.Nfc(image);
        var same = string.Equals(normalized, imageName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(normalized, Path.GetFileNameWithoutExtension(imageName), StringComparison.OrdinalIgnoreCase);
        return same ? null : title;
    }
}
