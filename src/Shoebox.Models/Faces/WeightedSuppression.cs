namespace Shoebox.Models.Faces;

/// <summary>
/// MediaPipe's "weighted" non-maximum suppression: candidates are taken best first; each takes with it every remaining
/// candidate that overlaps it by more than the threshold (intersection over union), and becomes their score-weighted
/// mean box and keypoints, keeping the best score. Averaging the neighbours steadies the keypoints, which a plain
/// suppression would take from one anchor alone.
/// </summary>
internal static class WeightedSuppression
{
    public static List<Candidate> Apply(IEnumerable<Candidate> candidates, float overlap)
    {
        // Ties in score are broken by position, so the result never depends on the order candidates came in.
        var remaining = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Box.Y).ThenBy(c => c.Box.X).ToList();
        var kept = new List<Candidate>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var group = remaining.Where(c => Overlap(best.Box, c.Box) > overlap).ToList();
            if (group.Count == 0)
            {
                group.Add(best); // a degenerate box overlaps nothing, itself included
            }
            remaining.RemoveAll(c => ReferenceEquals(c, best) || group.Contains(c));
            kept.Add(Mean(group, best.Score));
        }
        return kept;
    }

    public static float Overlap(FaceBox a, FaceBox b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }
        var inner = w * h;
        return inner / ((a.Width * a.Height) + (b.Width * b.Height) - inner);
    }

    private static Candidate Mean(List<Candidate> group, float score)
    {
        var total = group.Sum(c => c.Score);
        float Mean(Func<Candidate, float> value) => group.Sum(c => value(c) * c.Score) / total;
        var box = new FaceBox(Mean(c => c.Box.X), Mean(c => c.Box.Y), Mean(c => c.Box.Width), Mean(c => c.Box.Height));
        var points = new FacePoint[group[0].Keypoints.Length];
        for (var k = 0; k < points.Length; k++)
        {
            points[k] = new FacePoint(Mean(c => c.Keypoints[k].X), Mean(c => c.Keypoints[k].Y));
        }
        return new Candidate(box, points, score);
    }
}
