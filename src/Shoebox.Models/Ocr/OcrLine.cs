namespace Shoebox.Models.Ocr;

public readonly record struct OcrPoint(float X, float Y);

/// <summary>A text line's quadrilateral in image pixels, clockwise from the top-left corner.</summary>
public sealed record OcrBox(OcrPoint TopLeft, OcrPoint TopRight, OcrPoint BottomRight, OcrPoint BottomLeft)
{
    public float Width => MathF.Max(Distance(TopLeft, TopRight), Distance(BottomLeft, BottomRight));

    public float Height => MathF.Max(Distance(TopLeft, BottomLeft), Distance(TopRight, BottomRight));

    public IReadOnlyList<OcrPoint> Corners => [TopLeft, TopRight, BottomRight, BottomLeft];

    private static float Distance(OcrPoint a, OcrPoint b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}

/// <summary>One line of recognised text; <paramref name="Confidence"/> is the mean probability of its characters (0..1).</summary>
public sealed record OcrLine(string Text, float Confidence, OcrBox Box);
