using Shoebox.Models.Faces;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Unit)]
public sealed class FaceGeometryTests
{
    [Fact]
    public void Decode_OneConfidentAnchor_BoxAndKeypointsAroundItsCellCentre()
    {
        // The fine layer of a 128 px input: 16 x 16 cells of 8 px, 2 anchors each. Anchor 2 * (3 * 16 + 5) + 1 is
        // the second anchor of the cell in row 3, column 5, centred at (44, 28).
        var logits = Enumerable.Repeat(-10f, 16 * 16 * 2).ToArray();
        var regressions = new float[16 * 16 * 2 * FaceAnchors.Values];
        var index = (2 * ((3 * 16) + 5)) + 1;
        logits[index] = 3;
        float[] values = [2, -4, 30, 32, -6, -5, 6, -5, 0, 2, 0, 10, -14, -3, 14, -3];
        values.CopyTo(regressions, index * FaceAnchors.Values);
        var found = new List<Candidate>();

        FaceAnchors.Decode(logits, regressions, 16, 2, 128, 0.5f, found);

        var face = Assert.Single(found);
        Assert.Equal(new FaceBox(46 - 15, 24 - 16, 30, 32), face.Box);
        Assert.Equal(new FacePoint(38, 23), face.Keypoints[0]);
        Assert.Equal(new FacePoint(44, 38), face.Keypoints[3]);
        Assert.Equal(1 / (1 + MathF.Exp(-3)), face.Score, 5);
    }

    [Fact]
    public void Decode_ScoresBelowTheThreshold_Skipped()
    {
        var logits = Enumerable.Repeat(1f, 8 * 8 * 6).ToArray(); // sigmoid(1) = 0.73
        var regressions = Enumerable.Repeat(10f, 8 * 8 * 6 * FaceAnchors.Values).ToArray();
        var found = new List<Candidate>();

        FaceAnchors.Decode(logits, regressions, 8, 6, 128, 0.75f, found);

        Assert.Empty(found);
    }

    [Fact]
    public void Apply_OverlappingCandidates_OneScoreWeightedMeanWithTheBestScore()
    {
        var strong = Candidate(10, 10, 40, 0.9f);
        var weak = Candidate(14, 10, 40, 0.3f);
        var apart = Candidate(200, 200, 40, 0.8f);

        var kept = WeightedSuppression.Apply([weak, apart, strong], 0.3f);

        Assert.Equal(2, kept.Count);
        Assert.Equal(0.9f, kept[0].Score);
        Assert.Equal(11, kept[0].Box.X, 3); // (10 * 0.9 + 14 * 0.3) / 1.2
        Assert.Equal(11, kept[0].Keypoints[0].X, 3);
        Assert.Equal(apart.Box, kept[1].Box);
    }

    [Fact]
    public void Apply_CandidatesInAnotherOrder_SameResult()
    {
        Candidate[] candidates = [Candidate(10, 10, 40, 0.8f), Candidate(20, 12, 40, 0.8f), Candidate(90, 10, 40, 0.7f), Candidate(60, 10, 40, 0.75f)];

        var forward = WeightedSuppression.Apply(candidates, 0.3f);
        var backward = WeightedSuppression.Apply(candidates.Reverse(), 0.3f);

        Assert.Equal(forward.Select(c => (c.Box, c.Score)), backward.Select(c => (c.Box, c.Score)));
    }

    [Theory]
    [InlineData(1280, 960)]
    [InlineData(960, 1280)]
    [InlineData(1280, 300)]
    [InlineData(4000, 3000)]
    public void Windows_EveryLevel_EveryFaceUpToAQuarterOfATileLiesWholeInOne(int width, int height)
    {
        var windows = FaceDetector.Windows(width, height, 256);

        Assert.Equal(Math.Max(width, height), windows[0].Side);
        foreach (var level in windows.Skip(1).GroupBy(w => w.Side))
        {
            var face = level.Key / 4;
            for (var y = 0f; y + face <= height; y += face / 3)
            {
                for (var x = 0f; x + face <= width; x += face / 3)
                {
                    Assert.Contains(level, w => w.X <= x + 0.01f && w.Y <= y + 0.01f && x + face <= w.X + w.Side + 0.01f && y + face <= w.Y + w.Side + 0.01f);
                }
            }
        }
        Assert.InRange(windows.Min(w => w.Side), 192 * Math.Max(1, Math.Max(width, height) / (float)FaceDetector.DecodeSide), float.MaxValue);
    }

    [Fact]
    public void Frame_TiltedFace_ChipAxesFollowTheEyes()
    {
        // Eyes along a line 30 degrees below the horizontal, mouth straight below their midpoint in the face's frame.
        var (cos, sin) = (MathF.Cos(MathF.PI / 6), MathF.Sin(MathF.PI / 6));
        FacePoint At(float u, float v) => new(100 + (u * cos) - (v * sin), 100 + (u * sin) + (v * cos));
        var face = new DetectedFace(new FaceBox(50, 50, 100, 100), [At(-20, 0), At(20, 0), At(0, 20), At(0, 40), At(-40, 10), At(40, 10)], 0.9f);

        var (centre, right, down) = FaceAligner.Frame(face);

        Assert.Equal(40 * cos, right.X, 3);
        Assert.Equal(40 * sin, right.Y, 3);
        Assert.Equal(-40 * sin, down.X, 3);
        Assert.Equal(40 * cos, down.Y, 3);
        Assert.Equal(At(0, 40 * FaceAligner.CentreBelowEyes).X, centre.X, 3);
        Assert.Equal(At(0, 40 * FaceAligner.CentreBelowEyes).Y, centre.Y, 3);
    }

    [Fact]
    public void Frame_FaceInProfile_DownIsTowardsTheMouth()
    {
        // The eyes nearly meet; the mouth lies down and to the left.
        var face = new DetectedFace(new FaceBox(0, 0, 100, 100), [new(50, 40), new(52, 40), new(45, 55), new(30, 80), new(80, 45), new(82, 45)], 0.9f);

        var (_, _, down) = FaceAligner.Frame(face);

        Assert.Equal((30 - 51f, 80 - 40f), (down.X, down.Y));
    }

    private static Candidate Candidate(float x, float y, float side, float score) =>
        new(new FaceBox(x, y, side, side), [.. Enumerable.Range(0, 6).Select(k => new FacePoint(x + k, y + k))], score);
}
