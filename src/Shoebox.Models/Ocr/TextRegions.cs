using Shoebox.Core;

namespace Shoebox.Models.Ocr;

/// <summary>
/// A part of a photo where the first look saw text, in the look's pixels, with the thickness of the thinnest text
/// blob in it (the detector marks a line's core, about half as tall as its letters).
/// </summary>
internal readonly record struct TextRegion(int Left, int Top, int Right, int Bottom, float Thickness)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    public bool Overlaps(TextRegion other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    public TextRegion Union(TextRegion other) => new(
        Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom),
        Math.Min(Thickness, other.Thickness));
}

/// <summary>A connected blob of the probability map above the look's threshold, in map pixels.</summary>
internal readonly record struct TextBlob(int Left, int Top, int Right, int Bottom, int Pixels, float Mean)
{
    /// <summary>Pixels over the longer side: a line's thickness, whatever way it runs.</summary>
    public float Thickness => (float)Pixels / Math.Max(Right - Left, Bottom - Top);
}

/// <summary>
/// Turns the first look's probability map into the regions worth reading closely. The look is tuned for recall:
/// a lower threshold than reading uses and no minimum box size, so text a few pixels tall at the look's scale
/// still makes a region; each blob is widened (a line seen in part runs on) and overlapping regions are merged.
/// </summary>
internal static class TextRegions
{
    internal const float Threshold = 0.2f;
    internal const float MinMean = 0.3f;
    internal const int MinPixels = 3;

    public static List<TextRegion> Find(TextMap map, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (sx, sy) = ((float)imageWidth / map.Width, (float)imageHeight / map.Height);
        var regions = new List<TextRegion>();
        foreach (var blob in Blobs(map).Where(b => b.Pixels >= MinPixels && b.Mean >= MinMean))
        {
            var thickness = blob.Thickness;
            var (growX, growY) = ((8 * thickness) + 8, (3 * thickness) + 4);
            regions.Add(new TextRegion(
                Math.Max(0, (int)MathF.Floor((blob.Left - growX) * sx)),
                Math.Max(0, (int)MathF.Floor((blob.Top - growY) * sy)),
                Math.Min(imageWidth, (int)MathF.Ceiling((blob.Right + growX) * sx)),
                Math.Min(imageHeight, (int)MathF.Ceiling((blob.Bottom + growY) * sy)),
                thickness * sy));
        }
        return Merged(regions);
    }

    /// <summary>
    /// The look's image with its edges lifted (a 3 x 3 unsharp mask, amount 1): letters only a few pixels tall, soft
    /// after the downscale, are then seen by the detector about as often as at 1.2 times the size (measured on the
    /// bench's scene photos), for a few milliseconds instead of half as many detector pixels again.
    /// </summary>
    public static RgbImage Sharpened(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height, source) = (image.Width, image.Height, image.Pixels);
        var pixels = (byte[])source.Clone();
        var row = width * 3;
        for (var y = 1; y < height - 1; y++)
        {
            for (var i = (y * row) + 3; i < ((y + 1) * row) - 3; i++)
            {
                var around = source[i - 3] + source[i + 3] + source[i - row] + source[i + row];
                pixels[i] = (byte)Math.Clamp((2 * source[i]) - (around / 4), 0, 255);
            }
        }
        return new RgbImage(width, height, pixels) { SourceSize = image.SourceSize };
    }

    internal static List<TextBlob> Blobs(TextMap map)
    {
        var (width, height, values) = (map.Width, map.Height, map.Values);
        var seen = new bool[values.Length];
        var blobs = new List<TextBlob>();
        var stack = new Stack<int>();
        for (var start = 0; start < values.Length; start++)
        {
            if (seen[start] || values[start] <= Threshold)
            {
                continue;
            }
            seen[start] = true;
            stack.Push(start);
            var (left, top, right, bottom, count, sum) = (width, height, 0, 0, 0, 0.0);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var (x, y) = (at % width, at / width);
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x + 1), Math.Max(bottom, y + 1));
                count++;
                sum += values[at];
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height && !seen[(ny * width) + nx] && values[(ny * width) + nx] > Threshold)
                        {
                            seen[(ny * width) + nx] = true;
                            stack.Push((ny * width) + nx);
                        }
                    }
                }
            }
            blobs.Add(new TextBlob(left, top, right, bottom, count, (float)(sum / count)));
        }
        return blobs;
    }

    // Until no two overlap: a sign's lines, seen as separate blobs, become one region read at once.
    private static List<TextRegion> Merged(List<TextRegion> regions)
    {
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var i = 0; i < regions.Count && !merged; i++)
            {
                for (var j = i + 1; j < regions.Count; j++)
                {
                    if (regions[i].Overlaps(regions[j]))
                    {
                        regions[i] = regions[i].Union(regions[j]);
                        regions.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }
        return [.. regions.OrderBy(r => r.Top).ThenBy(r => r.Left)];
    }
}
