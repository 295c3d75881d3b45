namespace Shoebox.Sources.ApplePhotos;

/// <summary>One visible photo of a Photos library (not trashed, not hidden, not a video) and what Photos says about it.</summary>
/// <param name="Uuid">ZUUID; names the derivatives and renders Photos keeps of it.</param>
/// <param name="Directory">ZDIRECTORY: a folder under "originals", or an absolute folder for a referenced file.</param>
public sealed record ApplePhotosAsset(long Id, string Uuid, string? Directory, string? FileName)
{
    /// <summary>Wall-clock time where it was taken: the UTC creation time moved by <see cref="TakenOffset"/>.</summary>
    public DateTime? TakenAt { get; init; }

    public TimeSpan? TakenOffset { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public bool Favorite { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Titles of the user albums holding it.</summary>
    public IReadOnlyList<string> Albums { get; init; } = [];
}
