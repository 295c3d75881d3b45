namespace Shoebox.Sources.Xmp;

/// <summary>
/// One keyword list from the three places sidecars keep keywords. Hierarchical keywords become '|' paths
/// ("Places|France|Paris"). A flat keyword that is a step of some path ("Paris", or "France" which Lightroom also
/// writes to dc:subject as a parent) is dropped, as is a path that only leads to a longer one ("Places|France",
/// which digiKam lists beside "Places|France|Paris"): the path already carries them, and searching finds its words.
/// </summary>
internal static class KeywordPaths
{
    public const char Separator = '|';

    // darktable tags its images "darktable|format|cr2", "darktable|changed": its own bookkeeping, not the user's words.
    private static bool IsBookkeeping(string path) => path.StartsWith("darktable|", StringComparison.OrdinalIgnoreCase);

    public static string FromDigiKam(string tag) =>
        string.Join(Separator, tag.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string ToDigiKam(string path) => path.Replace(Separator, '/');

    public static string Leaf(string path) => path[(path.LastIndexOf(Separator) + 1)..];

    public static string Clean(string path) =>
        string.Join(Separator, path.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static IReadOnlyList<string> Merge(IReadOnlyList<string> flat, IEnumerable<string> paths)
    {
        var distinctPaths = paths.Concat(flat.Where(k => k.Contains(Separator, StringComparison.Ordinal))).Select(Clean)
            .Where(p => p.Length > 0 && !IsBookkeeping(p)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var hierarchical = distinctPaths
            .Where(p => !distinctPaths.Any(longer => longer.Length > p.Length && longer.StartsWith(p + Separator, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var steps = new HashSet<string>(hierarchical.SelectMany(p => p.Split(Separator)), StringComparer.OrdinalIgnoreCase);
        var keywords = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var keyword in flat.Select(k => k.Trim()).Where(k => k.Length > 0))
        {
            if (keyword.Contains(Separator, StringComparison.Ordinal) || steps.Contains(keyword) || !seen.Add(keyword))
            {
                continue;
            }
            keywords.Add(keyword);
        }
        keywords.AddRange(hierarchical);
        return keywords;
    }
}
