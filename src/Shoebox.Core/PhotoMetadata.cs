namespace Shoebox.Core;

/// <summary>What a photo's own bytes say about it. Every field but the format may be unknown.</summary>
public sealed record PhotoMetadata
{
    public required ImageFormat Format { get; init; }

    /// <summary>Pixel size as displayed, after EXIF orientation is applied.</summary>
    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>Wall-clock time on the camera when the picture was taken (EXIF DateTimeOriginal).</summary>
    public DateTime? TakenAt { get; init; }

    /// <summary>The camera's UTC offset at <see cref="TakenAt"/> (EXIF OffsetTimeOriginal), when it recorded one.</summary>
    public TimeSpan? TakenOffset { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    public string? Lens { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }

    /// <summary>EXIF orientation 1..8 as stored in the file; pixels handed out by the decoder are already upright.</summary>
    public int? Orientation { get; init; }
}
