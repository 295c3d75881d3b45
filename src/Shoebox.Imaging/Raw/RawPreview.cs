namespace Shoebox.Imaging.Raw;

/// <summary>
/// An embedded JPEG found in a raw file: where its bytes lie, what the container calls it, and its size as stored
/// (before orientation) when its frame header could be read.
/// </summary>
public sealed record RawPreview(string Name, long Offset, long Length)
{
    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>The EXIF orientation inside the JPEG itself (RAF keeps the camera's there), else null.</summary>
    public int? OwnOrientation { get; init; }

    public long Pixels => (long)Width * Height;

    public int LongSide => Math.Max(Width, Height);

    public override string ToString() => $"{Name} at {Offset} ({Length} bytes)";
}

/// <summary>
/// What a raw file offers: every embedded JPEG found, the ones refused with their reasons, and the raw's own
/// orientation (IFD0's, not the embedded JPEG's, which often has none).
/// </summary>
public sealed record RawPreviews(IReadOnlyList<RawPreview> Usable, IReadOnlyList<string> Refused, int Orientation)
{
    /// <summary>The largest usable preview, or null.</summary>
    public RawPreview? Largest => Usable.Count == 0 ? null : Usable.MaxBy(p => p.Pixels);
}
