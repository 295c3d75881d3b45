namespace Shoebox.Bench;

/// <summary>
/// Same-person pairs, as grouping people is judged: over every pair of labelled faces, a pair the grouping puts in
/// one person is right when the labels agree (precision: right pairs of all pairs put together), and a pair with the
/// same label counts as found only when both faces went to the same person (recall: found of all same-label pairs).
/// A face the detector missed or that was left out of every person (Person null) is together with nobody, so its
/// pairs are lost to recall and none count against precision.
/// </summary>
internal readonly record struct PairwiseScore(long Together, long RightTogether, long SameLabel)
{
    public double Precision => Together == 0 ? 1 : (double)RightTogether / Together;

    public double Recall => SameLabel == 0 ? 1 : (double)RightTogether / SameLabel;

    public static PairwiseScore Of(IReadOnlyList<(string Label, long? Person)> faces)
    {
        long together = 0, right = 0, same = 0;
        for (var i = 0; i < faces.Count; i++)
        {
            for (var j = i + 1; j < faces.Count; j++)
            {
                var sameLabel = string.Equals(faces[i].Label, faces[j].Label, StringComparison.Ordinal);
                var grouped = faces[i].Person is { } a && faces[j].Person is { } b && a == b;
                same += sameLabel ? 1 : 0;
                together += grouped ? 1 : 0;
                right += grouped && sameLabel ? 1 : 0;
            }
        }
        return new PairwiseScore(together, right, same);
    }
}
