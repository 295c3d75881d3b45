namespace Shoebox.Search.Duplicates;

/// <summary>
/// Which photo of a group to keep, and how the others differ from it, in words. The best copy is kept: the one the
/// user chose; else the most pixels; then the best quality, where both copies' is known (a JPEG's tables; lossless
/// above any JPEG, but a lossless file made from a JPEG no better than that JPEG); then the original over a
/// conversion; then, between copies of one format, the most bytes per pixel; then the oldest file; then the richest
/// metadata. Two copies are compared on what can be compared between them: a HEIC's quality is unknown, and a JPEG
/// made from it says nothing by its own, so the next rule decides between the two.
/// </summary>
internal static class KeeperChoice
{
    // Compare is below zero when the first copy is the better one by this rule, zero when the rule cannot tell.
    private sealed record Criterion(string Why, Func<CopyFacts, CopyFacts, int> Compare, Func<CopyFacts, string?> Detail);

    // In order: the first rule that tells two copies apart decides between them.
    private static readonly Criterion[] Criteria =
    [
        new("you chose it", (a, b) => b.Chosen.CompareTo(a.Chosen), _ => null),
        new("the most pixels", (a, b) => b.Pixels.CompareTo(a.Pixels), c => c.Size),
        new("the best quality", (a, b) => a.Quality is { } qa && b.Quality is { } qb ? qb.CompareTo(qa) : 0, c => c.QualityText),
        new("the original, not a conversion", (a, b) => (a.ConvertedFrom is not null).CompareTo(b.ConvertedFrom is not null), c => c.FormatName),
        // Bytes per pixel say something of quality only within one format, and only where the tables did not say it.
        new("the most bytes for its pixels", (a, b) => a.Photo.Format == b.Photo.Format && (a.Quality is null || b.Quality is null)
            ? b.BytesPerPixel.CompareTo(a.BytesPerPixel) : 0, _ => null),
        new("the oldest file", (a, b) => a.OldestTicks.CompareTo(b.OldestTicks), _ => null),
        new("the most metadata", (a, b) => b.Metadata.CompareTo(a.Metadata), _ => null),
    ];

    /// <summary>The copies, the one to keep first; equal on everything, the first catalogued first.</summary>
    /// <remarks>
    /// Rules that cannot always tell make the comparison intransitive (a JPEG beats a worse JPEG by quality, which is
    /// older than a HEIC, which is older than the better JPEG): each copy is ranked by how many of the others it
    /// beats less how many beat it, which is the plain order whenever there is one.
    /// </remarks>
    public static List<CopyFacts> Order(IEnumerable<CopyFacts> copies)
    {
        var list = copies.ToList();
        var score = list.ToDictionary(c => c.Id, c => list.Sum(other => -Math.Sign(Compare(c, other).Result)));
        return [.. list.OrderByDescending(c => score[c.Id]).ThenBy(c => c.Id)];
    }

    /// <summary>Why <paramref name="keeper"/> is kept rather than <paramref name="next"/>, the best of the others.</summary>
    public static string WhyKept(CopyFacts keeper, CopyFacts next)
    {
        var (result, criterion) = Compare(keeper, next);
        return result switch
        {
            < 0 when criterion!.Detail(keeper) is { } detail => $"kept: {criterion.Why} ({detail})",
            < 0 => $"kept: {criterion!.Why}",
            0 => "kept: the first catalogued",
            _ => "kept: better than the others on most counts",
        };
    }

    private static (int Result, Criterion? By) Compare(CopyFacts a, CopyFacts b)
    {
        foreach (var criterion in Criteria)
        {
            if (criterion.Compare(a, b) is var result and not 0)
            {
                return (result, criterion);
            }
        }
        return (0, null);
    }

    /// <summary>
    /// How <paramref name="copy"/> differs from the keeper, as short words ("smaller", "cropped", "lower quality",
    /// "PNG") for the page to show, or "same" when it is the same picture in every way looked at.
    /// </summary>
    public static List<string> Differences(CopyFacts copy, CopyFacts keeper, bool cropped)
    {
        var words = new List<string>();
        if (cropped || !SameShape(copy, keeper))
        {
            words.Add("cropped");
        }
        else if (copy.Pixels != keeper.Pixels)
        {
            words.Add(copy.Pixels < keeper.Pixels ? "smaller" : "larger");
        }
        if (copy.Pixels == keeper.Pixels && copy.Quality is { } quality && keeper.Quality is { } kept && quality != kept)
        {
            words.Add(quality < kept ? "lower quality" : "higher quality");
        }
        if (copy.Photo.Format != keeper.Photo.Format)
        {
            words.Add(copy.FormatName);
        }
        if (words.Count == 0)
        {
            words.Add(copy.OldestTicks > keeper.OldestTicks ? "newer" : "same");
        }
        return words;
    }

    /// <summary>The differences as a sentence, with the numbers that make them concrete.</summary>
    public static string Describe(CopyFacts copy, CopyFacts keeper, IReadOnlyList<string> differences) =>
        string.Join(", ", differences.Select(word => word switch
        {
            "cropped" or "smaller" or "larger" => $"{word} ({copy.Size})",
            "lower quality" or "higher quality" => $"{word} ({copy.QualityText}; the keeper's {keeper.QualityText})",
            "newer" => "the same picture, a newer file",
            "same" => "the same picture",
            _ when copy.ConvertedFrom == keeper.Id => $"a {word} made from the keeper (it holds nothing more)",
            _ => $"a {word}",
        }));

    // Whether one is the other scaled, each side of the smaller rounded by up to a pixel: some one scale puts both of
    // the larger's sides within a pixel of the smaller's (a halved 175 x 38 is 88 x 19, which no tolerance on the
    // aspect ratio alone would accept for so few pixels).
    private static bool SameShape(CopyFacts a, CopyFacts b)
    {
        var (small, large) = a.Pixels <= b.Pixels ? (a.Photo, b.Photo) : (b.Photo, a.Photo);
        if (small.Width is not > 0 || small.Height is not > 0 || large.Width is not > 0 || large.Height is not > 0)
        {
            return true; // sizes unknown: nothing to say
        }
        var (w, h, width, height) = ((double)small.Width.Value, (double)small.Height.Value, (double)large.Width.Value, (double)large.Height.Value);
        return Math.Max((w - 1) / width, (h - 1) / height) <= Math.Min((w + 1) / width, (h + 1) / height);
    }
}
