namespace Shoebox.Sources.GoogleTakeout;

/// <summary>
/// Finds each image's JSON sidecar among the names of one Takeout folder. Google's naming, in the order tried:
/// <list type="bullet">
/// <item>"IMG.jpg.json", or the new "IMG.jpg.supplemental-metadata.json" cut to any prefix ("IMG.jpg.s.json");</item>
/// <item>a counter moves behind the media extension: "IMG(1).jpg" has "IMG.jpg(1).json" ("IMG.jpg.supplemental-metadata(1).json");</item>
/// <item>the text before the counter and ".json" is cut to 46 UTF-16 units ("PXL_..._n.j(1).json");</item>
/// <item>a saved edit ("IMG-edited.jpg", "IMG-modifié.jpg") has no JSON and takes its original's;</item>
/// <item>a photo uploaded without an extension has "IMG.json" for "IMG.jpg";</item>
/// <item>failing all that, the one unclaimed JSON whose title (the uploaded name) is the image's name.</item>
/// </list>
/// Names are compared in NFC. Several images may share one sidecar (an original and its edit).
/// </summary>
public static class SidecarMatcher
{
    // Ranks, best first, so an image that fits several JSONs takes the most specific one.
    private const int Exact = 0, Plain = 1, SupplementalRank = 2, Truncated = 3, NoExtension = 4, Unranked = int.MaxValue;

    /// <summary>
    /// Image name -> sidecar name (both as given) for every image that has one. <paramref name="titleOf"/> gives a
    /// sidecar's JSON title, for the last resort; without it only names count.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Match(
        IEnumerable<string> imageNames, IEnumerable<string> sidecarNames, Func<string, string?>? titleOf = null)
    {
        ArgumentNullException.ThrowIfNull(imageNames);
        ArgumentNullException.ThrowIfNull(sidecarNames);
        var index = new SidecarIndex(sidecarNames.Where(TakeoutNames.IsJson));
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        var unmatched = new List<string>();
        foreach (var image in imageNames.Distinct(StringComparer.Ordinal))
        {
            if (index.Find(image) is { } sidecar)
            {
                matches[image] = sidecar;
            }
            else
            {
                unmatched.Add(image);
            }
        }
        if (titleOf is not null && unmatched.Count > 0)
        {
            MatchByTitle(unmatched, index.All.Except(matches.Values, StringComparer.Ordinal), titleOf, matches);
        }
        return matches;
    }

    // Only sidecars no name claimed, and only when exactly one carries the title: a guess between two is no match.
    private static void MatchByTitle(
        List<string> images, IEnumerable<string> freeSidecars, Func<string, string?> titleOf, Dictionary<string, string> matches)
    {
        var byTitle = freeSidecars
            .Select(s => (Sidecar: s, Title: titleOf(s)))
            .Where(t => !string.IsNullOrEmpty(t.Title))
            .ToLookup(t => TakeoutNames.Nfc(t.Title!), t => t.Sidecar, StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var name = TakeoutNames.Nfc(image);
            foreach (var title in new[] { name, TakeoutNames.OriginalOfEdited(name) })
            {
                var candidates = title is null ? [] : byTitle[title].Where(s => !taken.Contains(s)).ToList();
                if (candidates.Count == 1)
                {
                    matches[image] = candidates[0];
                    taken.Add(candidates[0]);
                    break;
                }
            }
        }
    }

    /// <summary>The sidecars of one folder, indexed by the media name each one stands for.</summary>
    private sealed class SidecarIndex
    {
        // Key: the media name the sidecar names (NFC, cut as Google cut it) with its counter, null for none.
        private readonly Dictionary<(string Media, int? Counter), (string Sidecar, int Rank)> _byMedia = [];
        private readonly Dictionary<string, string> _byFullName = new(StringComparer.Ordinal);

        public SidecarIndex(IEnumerable<string> sidecars)
        {
            foreach (var sidecar in sidecars.Order(StringComparer.Ordinal))
            {
                All.Add(sidecar);
                var name = TakeoutNames.Nfc(sidecar);
                _byFullName.TryAdd(name, sidecar);
                var (stem, counter) = TakeoutNames.SplitCounter(name[..^".json".Length]);
                Add((stem, counter), sidecar, Plain);
                // "IMG.jpg.supplemental-me" stands for "IMG.jpg": the suffix holds a single dot, so it starts at the last one.
                var dot = stem.LastIndexOf('.');
                if (dot >= 0 && TakeoutNames.IsSupplementalCut(stem.AsSpan(dot)))
                {
                    Add((stem[..dot], counter), sidecar, SupplementalRank);
                }
            }
        }

        public List<string> All { get; } = [];

        public string? Find(string image)
        {
            var name = TakeoutNames.Nfc(image);
            if (_byFullName.TryGetValue(name + ".json", out var exact))
            {
                return exact; // the uploaded name itself ended in a counter: "IMG(1).jpg.json"
            }
            var best = FindFor(name);
            if (best.Rank == Unranked && TakeoutNames.OriginalOfEdited(name) is { } original)
            {
                best = FindFor(original);
            }
            return best.Sidecar;
        }

        private (string? Sidecar, int Rank) FindFor(string name)
        {
            var (media, counter) = TakeoutNames.SplitImageCounter(name);
            (string? Sidecar, int Rank) best = (null, Unranked);
            Consider(ref best, (media, counter), Exact);
            // The cut fell inside the media name, or inside ".supplemental-metadata" of a long one; a cut landing
            // on a surrogate pair may leave one unit fewer.
            var full = media + TakeoutNames.Supplemental;
            foreach (var length in (int[])[TakeoutNames.SidecarStemLimit, TakeoutNames.SidecarStemLimit - 1])
            {
                if (length < media.Length)
                {
                    Consider(ref best, (full[..length], counter), Truncated);
                }
            }
            var extension = Path.GetExtension(media);
            if (extension.Length > 0)
            {
                Consider(ref best, (media[..^extension.Length], counter), NoExtension);
            }
            return best;
        }

        // The sidecar's own rank (plain or supplemental) decides among sidecars found by the same image-side rule.
        private void Consider(ref (string? Sidecar, int Rank) best, (string, int?) key, int rule)
        {
            if (_byMedia.TryGetValue(key, out var found))
            {
                var rank = Math.Max(rule, found.Rank);
                if (rank < best.Rank)
                {
                    best = (found.Sidecar, rank);
                }
            }
        }

        private void Add((string, int?) key, string sidecar, int rank)
        {
            if (!_byMedia.TryGetValue(key, out var existing) || rank < existing.Rank)
            {
                _byMedia[key] = (sidecar, rank);
            }
        }
    }
}
