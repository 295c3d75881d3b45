namespace Shoebox.Models.Faces;

/// <summary>
/// BlazeFace's SSD anchors and the decoding of its raw outputs, after MediaPipe's documented scheme: two feature maps,
/// a fine one (the input / 8 cells a side, 2 anchors a cell) and a coarse one (input / 16, 6 anchors a cell), every
/// anchor at its cell's centre with a fixed size of 1, so the 16 regressed numbers are offsets in input pixels from
/// the anchor: box centre x, y, box width, height, then x, y of the six keypoints. Scores are logits.
/// </summary>
internal static class FaceAnchors
{
    public const int Values = 16;

    /// <summary>The cells a side and the anchors a cell of each output layer, fine first, for a 128 px input (256 px doubles the stride).</summary>
    public static readonly (int Cells, int PerCell)[] Layers = [(16, 2), (8, 6)];

    /// <summary>
    /// The candidates of one layer whose score reaches <paramref name="minScore"/>, in input pixels (0..side).
    /// Anchors are numbered row by row, then cell by cell, then anchor within the cell, as the outputs are laid out.
    /// </summary>
    public static void Decode(ReadOnlySpan<float> logits, ReadOnlySpan<float> regressions, int cells, int perCell, int side, float minScore, List<Candidate> into)
    {
        var cellSide = (float)side / cells;
        // Scores are compared as logits: the sigmoid is only computed for the few that pass.
        var minLogit = MathF.Log(minScore / (1 - minScore));
        for (var i = 0; i < cells * cells * perCell; i++)
        {
            var logit = logits[i];
            if (!(logit >= minLogit))
            {
                continue;
            }
            var cell = i / perCell;
            var ax = ((cell % cells) + 0.5f) * cellSide;
            var ay = ((cell / cells) + 0.5f) * cellSide;
            var r = regressions.Slice(i * Values, Values);
            var (cx, cy, w, h) = (ax + r[0], ay + r[1], r[2], r[3]);
            if (!(w > 0 && h > 0))
            {
                continue;
            }
            var points = new FacePoint[DetectedFace.KeypointCount];
            for (var k = 0; k < points.Length; k++)
            {
                points[k] = new FacePoint(ax + r[4 + (2 * k)], ay + r[5 + (2 * k)]);
            }
            into.Add(new Candidate(new FaceBox(cx - (w / 2), cy - (h / 2), w, h), points, Sigmoid(Math.Min(logit, 80))));
        }
    }

    private static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));
}

/// <summary>One anchor's detection before suppression, in whatever pixels the caller has mapped it to.</summary>
internal sealed record Candidate(FaceBox Box, FacePoint[] Keypoints, float Score)
{
    public Candidate Mapped(float scale, float dx, float dy) => new(
        new FaceBox((Box.X * scale) + dx, (Box.Y * scale) + dy, Box.Width * scale, Box.Height * scale),
        [.. Keypoints.Select(p => new FacePoint((p.X * scale) + dx, (p.Y * scale) + dy))],
        Score);
}
