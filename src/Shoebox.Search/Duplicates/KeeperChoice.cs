namespace Shoebox.Search.Duplicates;

/// <summary>
/// Which photo of a group to keep, and how the others differ from it, in words. The best copy is kept: the one the
/// user chose; else the most pixels; then the best quality (a JPEG's tables; lossless above any JPEG, but a
/// lossless file made from a JPEG no better than that JPEG); then the original over a conversion; then, for lossy
/// copies of unknown quality, the most bytes per pixel; then the oldest file; then the richest metadata.
/// </summary>
internal static class KeeperChoice
{
    private sealed record Criterion(string Why, Func<CopyFacts, double> Key, Func<CopyFacts, string?> Detail);

    // Lower keys first. The first criterion on which the keeper beats the next best copy is why it is kept.
    private static readonly Criterion[] Criteria =
    [
        new("you chose it", c => c.Chosen ? 0 : 1, _ => null),
        new("the most pixels", c => -c.Pixels, c => c.Size),
        new("the best quality", c => -(c.Quality ?? 0), c => c.QualityText),
        new("the original, not a conversion", c => c.ConvertedFrom is null ? 0 : 1, c => c.FormatName),
        new("the most bytes for its pixels", c => c.Quality is null ? -c.BytesPerPixel : 0, _ => null),
        new("the oldest file", c => c.OldestTicks, _ => null),
        new("the most metadata", c => -c.Metadata, _ => null),
    ];

    /// <summary>The copies, the one to keep first; equal on everything, the first catalogued first.</summary>
    public static List<CopyFacts> Order(IEnumerable<CopyFacts> copies)
    {
        IOrderedEnumerable<CopyFacts> ordered = copies.OrderBy(c => 0);
        foreach (var criterion in Criteria)
        {
            ordered = ordered.ThenBy(criterion.Key);
        }
        return [.. ordered.ThenBy(c => c.Id)];
    }

    /// <summary>Why <paramref name="keeper"/> is kept rather than <paramref name="next"/>, the best of the others.</summary>
    public static string WhyKept(CopyFacts keeper, CopyFacts next)
    {
        foreach (var criterion in Criteria)
        {
            if (criterion.Key(keeper) < criterion.Key(next))
            {
                return criterion.Detail(keeper) is { } detail ? $"kept: {criterion.Why} ({detail})" : $"kept: {criterion.Why}";
            }
        }
        return "kept: the first catalogued";
    }

    /// <summary>
    /// How <paramref name="copy"/> differs from the keeper, as short words ("smaller", "cropped", "lower quality",
    /// "PNG") for the page to show, or "same" when it is the same picture in every way looked at.
    /// </summary>
    public static List<string> Differences(CopyFacts copy, CopyFacts keeper, bool cropped)
    {
        var words = new List<string>();
        if (cropped || Math.Abs(Aspect(copy) - Aspect(keeper)) > 0.02)
        {
            words.Add("cropped");
        }
        else if (copy.Pixels != keeper.Pixels)
        {
            words.Add(copy.Pixels < keeper.Pixels ? "smaller" : "larger");
        }
        if (copy.Pixels == keeper.Pixels && (copy.Quality ?? 0) != (keeper.Quality ?? 0) && copy.Quality is not null && keeper.Quality is not null)
        {
            words.Add(copy.Quality < keeper.Quality ? "lower quality" : "higher quality");
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

    private static double Aspect(CopyFacts copy) => copy.Photo.Height is > 0 ? (double)(copy.Photo.Width ?? 0) / copy.Photo.Height.Value : 0;
}
