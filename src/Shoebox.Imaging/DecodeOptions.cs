namespace Shoebox.Imaging;

public sealed record DecodeOptions
{
    public const long DefaultMaxPixels = 200_000_000;

    /// <summary>
    /// Images with more pixels than this are refused before any pixel is decoded, so a crafted file claiming
    /// 50,000 x 50,000 pixels cannot take the machine's memory. 200 MP admits every camera and most panoramas.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>The names LibRaw is looked for under; tests name only missing ones to index as if it were not installed.</summary>
    internal IReadOnlyList<string> LibRawNames { get; init; } = NativeLibraries.Raw;

    /// <summary>Refuses an image of <paramref name="width"/> x <paramref name="height"/> over <see cref="MaxPixels"/>.</summary>
    internal void CheckPixelLimit(int width, int height)
    {
        var pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            throw new Shoebox.Core.BadImageException(
                $"image is {width} x {height} pixels ({pixels / 1_000_000.0:0.#} MP), over the limit of {MaxPixels / 1_000_000.0:0.#} MP");
        }
    }
}

/// <summary>How a decoded image relates to the requested size; neither ever enlarges a smaller image.</summary>
public enum Fit
{
    /// <summary>The longer side is at most the size: thumbnails.</summary>
    Within,

    /// <summary>The shorter side is at least the size, as a model's resize-then-crop needs.</summary>
    Cover,
}
