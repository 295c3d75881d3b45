namespace Shoebox.Models.Ocr;

/// <summary>
/// A rectangle turned by any angle: centre, unit axis along its first side, and side lengths. Found as the
/// smallest-area rectangle around a set of points (rotating calipers over their convex hull).
/// </summary>
internal readonly record struct RotatedRect(float CenterX, float CenterY, float AxisX, float AxisY, float Length, float Breadth)
{
    public float ShortSide => MathF.Min(Length, Breadth);

    public RotatedRect Grown(float distance) => this with { Length = Length + (2 * distance), Breadth = Breadth + (2 * distance) };

    /// <summary>Corners as top-left, top-right, bottom-right, bottom-left (image coordinates, y down).</summary>
    public OcrPoint[] Corners()
    {
        var (ux, uy) = (AxisX * Length / 2, AxisY * Length / 2);
        var (vx, vy) = (-AxisY * Breadth / 2, AxisX * Breadth / 2);
        OcrPoint[] points =
        [
            new(CenterX - ux - vx, CenterY - uy - vy),
            new(CenterX + ux - vx, CenterY + uy - vy),
            new(CenterX + ux + vx, CenterY + uy + vy),
            new(CenterX - ux + vx, CenterY - uy + vy),
        ];
        var byX = points.OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
        var (topLeft, bottomLeft) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (topRight, bottomRight) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [topLeft, topRight, bottomRight, bottomLeft];
    }

    public static RotatedRect Enclosing(IReadOnlyList<OcrPoint> points)
    {
        var hull = ConvexHull(points);
        if (hull.Count == 1)
        {
            return new RotatedRect(hull[0].X, hull[0].Y, 1, 0, 0, 0);
        }
        var best = default(RotatedRect);
        var bestArea = float.MaxValue;
        for (var i = 0; i < hull.Count; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Count];
            var length = MathF.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
            if (length == 0)
            {
                continue;
            }
            var (ux, uy) = ((b.X - a.X) / length, (b.Y - a.Y) / length);
            float minU = float.MaxValue, maxU = float.MinValue, minV = float.MaxValue, maxV = float.MinValue;
            foreach (var p in hull)
            {
                var u = (p.X * ux) + (p.Y * uy);
                var v = (-p.X * uy) + (p.Y * ux);
                (minU, maxU, minV, maxV) = (MathF.Min(minU, u), MathF.Max(maxU, u), MathF.Min(minV, v), MathF.Max(maxV, v));
            }
            var area = (maxU - minU) * (maxV - minV);
            if (area < bestArea)
            {
                bestArea = area;
                var (cu, cv) = ((minU + maxU) / 2, (minV + maxV) / 2);
                best = new RotatedRect((cu * ux) - (cv * uy), (cu * uy) + (cv * ux), ux, uy, maxU - minU, maxV - minV);
            }
        }
        return best;
    }

    /// <summary>Andrew's monotone chain; collinear points dropped.</summary>
    internal static List<OcrPoint> ConvexHull(IReadOnlyList<OcrPoint> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }
        var hull = new List<OcrPoint>(2 * sorted.Count);
        static float Cross(OcrPoint o, OcrPoint a, OcrPoint b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
        foreach (var p in sorted)
        {
            while (hull.Count >= 2 && Cross(hull[^2], hull[^1], p) <= 0)
            {
                hull.RemoveAt(hull.Count - 1);
            }
            hull.Add(p);
        }
        var lower = hull.Count + 1;
        for (var i = sorted.Count - 2; i >= 0; i--)
        {
            var p = sorted[i];
            while (hull.Count >= lower && Cross(hull[^2], hull[^1], p) <= 0)
            {
                hull.RemoveAt(hull.Count - 1);
            }
            hull.Add(p);
        }
        hull.RemoveAt(hull.Count - 1);
        return hull;
    }
}
