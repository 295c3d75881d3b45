using Shoebox.Core;

namespace Shoebox.Models.Ocr;

/// <summary>Lines read from decodes and crops of one photo, brought into the photo's own pixels and put together.</summary>
internal static class PhotoLines
{
    /// <summary>Lines read from a crop at (<paramref name="left"/>, <paramref name="top"/>) of <paramref name="image"/>, with boxes in the photo's pixels.</summary>
    public static List<OcrLine> Placed(IReadOnlyList<OcrLine> lines, RgbImage image, int left, int top)
    {
        var (sx, sy) = ((float)image.SourceSize.Width / image.Width, (float)image.SourceSize.Height / image.Height);
        OcrPoint Place(OcrPoint p) => new((p.X + left) * sx, (p.Y + top) * sy);
        return [.. lines.Select(line => line with
        {
            Box = new OcrBox(Place(line.Box.TopLeft), Place(line.Box.TopRight), Place(line.Box.BottomRight), Place(line.Box.BottomLeft)),
        })];
    }

    /// <summary>The rectangle (<paramref name="left"/>, <paramref name="top"/>) to (<paramref name="right"/>, <paramref name="bottom"/>) of <paramref name="image"/>, in the photo's pixels.</summary>
    public static OcrBox Rectangle(RgbImage image, int left, int top, int right, int bottom)
    {
        var (sx, sy) = ((float)image.SourceSize.Width / image.Width, (float)image.SourceSize.Height / image.Height);
        return new OcrBox(new(left * sx, top * sy), new(right * sx, top * sy), new(right * sx, bottom * sy), new(left * sx, bottom * sy));
    }

    public static RgbImage Crop(RgbImage image, int left, int top, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(image.Pixels, (((top + y) * image.Width) + left) * 3, pixels, y * width * 3, width * 3);
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// The whole reading with the parts read again in detail: inside a part, its own lines replace the whole
    /// reading's (read at a scale too small for that text); a line of the whole reading that reaches out of the part
    /// stays, and the part's lines that overlap it go (the part cut that line short). Top to bottom.
    /// </summary>
    public static List<OcrLine> Merged(List<OcrLine> whole, List<(OcrBox Region, IReadOnlyList<OcrLine> Lines)> parts)
    {
        var kept = whole.Where(line => !parts.Any(p => p.Lines.Count > 0 && Within(line.Box, p.Region))).ToList();
        var added = parts.SelectMany(p => p.Lines).Where(line => !kept.Any(k => Overlap(k.Box, line.Box) > 0.5f));
        return TextDetector.Sorted([.. kept.Concat(added)], line => line.Box);
    }

    private static (float Left, float Top, float Right, float Bottom) Bounds(OcrBox box) =>
        (box.Corners.Min(p => p.X), box.Corners.Min(p => p.Y), box.Corners.Max(p => p.X), box.Corners.Max(p => p.Y));

    // Half a line's height of slack: a box detected at the smaller scale comes out a little larger.
    private static bool Within(OcrBox box, OcrBox region)
    {
        var (b, r) = (Bounds(box), Bounds(region));
        var slack = box.Height / 2;
        return b.Left >= r.Left - slack && b.Top >= r.Top - slack && b.Right <= r.Right + slack && b.Bottom <= r.Bottom + slack;
    }

    // The shared area over the smaller box's area (their bounding rectangles).
    private static float Overlap(OcrBox a, OcrBox b)
    {
        var (p, q) = (Bounds(a), Bounds(b));
        var shared = Math.Max(0, Math.Min(p.Right, q.Right) - Math.Max(p.Left, q.Left)) * Math.Max(0, Math.Min(p.Bottom, q.Bottom) - Math.Max(p.Top, q.Top));
        var smaller = Math.Min((p.Right - p.Left) * (p.Bottom - p.Top), (q.Right - q.Left) * (q.Bottom - q.Top));
        return smaller <= 0 ? 0 : shared / smaller;
    }
}
