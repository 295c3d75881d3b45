using Microsoft.Extensions.Logging;
using Shoebox.Core;

namespace Shoebox.Models.Ocr;

/// <summary>
/// PP-OCRv4's DB text detector: the photo (BGR, longest side at most 960, sides multiples of 32, ImageNet mean
/// and std) becomes a text probability map, whose regions become line boxes: binarised at 0.3, each connected
/// region's smallest enclosing rectangle kept when its mean probability reaches 0.6, then grown ("unclipped")
/// by area * 1.5 / perimeter and scaled back to the photo.
/// </summary>
public sealed class TextDetector : IDisposable
{
    public const int MaxSide = 960;
    private const float Threshold = 0.3f;
    private const float MinBoxScore = 0.6f;
    private const float UnclipRatio = 1.5f;
    private const int MaxCandidates = 1000;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly OnnxRunner _model;
    private long _runs;
    private long _pixels;

    public TextDetector(string modelPath, int threads = 0, ILogger? logger = null) => _model = new OnnxRunner(modelPath, threads, logger);

    public string Provider => _model.Provider;

    public OcrWork Work => new(Interlocked.Read(ref _runs), Interlocked.Read(ref _pixels));

    /// <summary>Line boxes in <paramref name="image"/>'s pixels, top to bottom, then left to right.</summary>
    public IReadOnlyList<OcrBox> Detect(RgbImage image) => Detect(image, MaxSide);

    /// <summary>The same, with <paramref name="image"/> seen at most <paramref name="maxSide"/> pixels long (never enlarged).</summary>
    internal IReadOnlyList<OcrBox> Detect(RgbImage image, int maxSide)
    {
        var map = Map(image, maxSide);
        return Sorted(Boxes(map.Values, map.Width, map.Height, image.Width, image.Height));
    }

    /// <summary>The text probability map of <paramref name="image"/> seen at most <paramref name="maxSide"/> pixels long.</summary>
    internal TextMap Map(RgbImage image, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = InputSize(image.Width, image.Height, maxSide);
        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _pixels, (long)width * height);
        var (map, shape) = _model.Run(Tensor(image, width, height), [1, 3, height, width]);
        return new TextMap(map, (int)shape[^1], (int)shape[^2]);
    }

    public void Dispose() => _model.Dispose();

    internal static (int Width, int Height) InputSize(int width, int height, int maxSide = MaxSide)
    {
        var ratio = Math.Max(width, height) > maxSide ? (double)maxSide / Math.Max(width, height) : 1;
        static int Round32(double side) => Math.Max((int)Math.Round(side / 32) * 32, 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }

    private static float[] Tensor(RgbImage image, int width, int height)
    {
        var plane = width * height;
        var data = new float[3 * plane];
        var sx = (float)image.Width / width;
        var sy = (float)image.Height / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp(((y + 0.5f) * sy) - 0.5f, 0, image.Height - 1);
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp(((x + 0.5f) * sx) - 0.5f, 0, image.Width - 1);
                for (var c = 0; c < 3; c++)
                {
                    // Tensor channel c is BGR channel c, i.e. RGB channel 2 - c.
                    var value = BgrCrop.Bilinear(image.Pixels, image.Width, image.Height, fx, fy, 2 - c) / 255f;
                    data[(c * plane) + (y * width) + x] = (value - Mean[c]) / Std[c];
                }
            }
        }
        return data;
    }

    internal static List<OcrBox> Boxes(float[] map, int width, int height, int imageWidth, int imageHeight)
    {
        var boxes = new List<OcrBox>();
        var labels = new int[width * height];
        var next = 0;
        var stack = new Stack<int>();
        for (var start = 0; start < labels.Length && next < MaxCandidates; start++)
        {
            if (labels[start] != 0 || map[start] <= Threshold)
            {
                continue;
            }
            labels[start] = ++next;
            stack.Push(start);
            var edge = new List<OcrPoint>();
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var (x, y) = (at % width, at / width);
                var outer = false;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                        {
                            outer = true;
                            continue;
                        }
                        var n = (ny * width) + nx;
                        if (map[n] <= Threshold)
                        {
                            outer |= dx == 0 || dy == 0;
                        }
                        else if (labels[n] == 0)
                        {
                            labels[n] = next;
                            stack.Push(n);
                        }
                    }
                }
                if (outer)
                {
                    edge.Add(new OcrPoint(x, y));
                }
            }
            if (ToBox(edge, map, width, height) is { } rect)
            {
                boxes.Add(Scaled(rect, width, height, imageWidth, imageHeight));
            }
        }
        return boxes;
    }

    private static RotatedRect? ToBox(List<OcrPoint> contour, float[] map, int width, int height)
    {
        var rect = RotatedRect.Enclosing(contour);
        if (rect.ShortSide < 3 || Score(rect.Corners(), map, width, height) < MinBoxScore)
        {
            return null;
        }
        var area = rect.Length * rect.Breadth;
        var perimeter = 2 * (rect.Length + rect.Breadth);
        var grown = rect.Grown(area * UnclipRatio / perimeter);
        return grown.ShortSide < 5 ? null : grown;
    }

    /// <summary>The mean probability over the map's pixels inside the box.</summary>
    private static float Score(OcrPoint[] corners, float[] map, int width, int height)
    {
        var x0 = Math.Clamp((int)MathF.Floor(corners.Min(p => p.X)), 0, width - 1);
        var x1 = Math.Clamp((int)MathF.Ceiling(corners.Max(p => p.X)), 0, width - 1);
        var y0 = Math.Clamp((int)MathF.Floor(corners.Min(p => p.Y)), 0, height - 1);
        var y1 = Math.Clamp((int)MathF.Ceiling(corners.Max(p => p.Y)), 0, height - 1);
        double sum = 0;
        var count = 0;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (Inside(corners, x, y))
                {
                    sum += map[(y * width) + x];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : (float)(sum / count);
    }

    // Clockwise corners (y down): a point is inside when it is on the same side of every edge; edges count as inside.
    private static bool Inside(OcrPoint[] corners, float x, float y)
    {
        for (var i = 0; i < 4; i++)
        {
            var (a, b) = (corners[i], corners[(i + 1) % 4]);
            if (((b.X - a.X) * (y - a.Y)) - ((b.Y - a.Y) * (x - a.X)) < -0.5f * MathF.Max(1, MathF.Abs(b.X - a.X) + MathF.Abs(b.Y - a.Y)))
            {
                return false;
            }
        }
        return true;
    }

    private static OcrBox Scaled(RotatedRect rect, int width, int height, int imageWidth, int imageHeight)
    {
        var corners = rect.Corners().Select(p => new OcrPoint(
            Math.Clamp(MathF.Round(p.X / width * imageWidth), 0, imageWidth),
            Math.Clamp(MathF.Round(p.Y / height * imageHeight), 0, imageHeight))).ToArray();
        return new OcrBox(corners[0], corners[1], corners[2], corners[3]);
    }

    /// <summary>Top to bottom; boxes whose tops lie within 10 pixels count as one row, read left to right.</summary>
    internal static List<OcrBox> Sorted(List<OcrBox> boxes) => Sorted(boxes, box => box);

    internal static List<T> Sorted<T>(List<T> items, Func<T, OcrBox> boxOf)
    {
        var sorted = items.OrderBy(i => boxOf(i).TopLeft.Y).ThenBy(i => boxOf(i).TopLeft.X).ToList();
        for (var i = 0; i < sorted.Count - 1; i++)
        {
            for (var j = i; j >= 0; j--)
            {
                var (upper, lower) = (boxOf(sorted[j]).TopLeft, boxOf(sorted[j + 1]).TopLeft);
                if (MathF.Abs(lower.Y - upper.Y) < 10 && lower.X < upper.X)
                {
                    (sorted[j], sorted[j + 1]) = (sorted[j + 1], sorted[j]);
                }
                else
                {
                    break;
                }
            }
        }
        return sorted;
    }
}

/// <summary>Text probability per pixel of the detector's input, row after row.</summary>
internal sealed record TextMap(float[] Values, int Width, int Height);
