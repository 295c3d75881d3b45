using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// Finds exact copies (one content at several places) and near-duplicates (pairs the rules accept, joined
/// transitively), and suggests which photo of each group to keep. Reads only: nothing is moved or deleted here.
/// </summary>
public static class DuplicateFinder
{
    /// <param name="model">The model whose vectors refine the hash rule; null (or a library without its vectors) uses the hash alone.</param>
    public static List<DuplicateGroup> Find(PhotoCatalog catalog, ModelIdentity? model, DuplicateRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        rules ??= new DuplicateRules();
        var prints = catalog.LoadPerceptualHashes().ToDictionary(h => h.Key, h => new GreyPrint(h.Value.Hash, h.Value.Grey, h.Value.Centre));
        var vectors = model is null ? [] : catalog.LoadEmbeddings(model);
        var ids = prints.Keys.Order().ToArray();
        var sets = new UnionFind(ids.Length);
        var reasons = new Dictionary<(int, int), string>();
        for (var i = 0; i < ids.Length; i++)
        {
            var vectorA = vectors.GetValueOrDefault(ids[i]);
            for (var j = i + 1; j < ids.Length; j++)
            {
                if (rules.Match(prints[ids[i]], prints[ids[j]], vectorA, vectors.GetValueOrDefault(ids[j])) is { } reason)
                {
                    sets.Join(i, j);
                    reasons[(i, j)] = reason;
                }
            }
        }
        var near = Enumerable.Range(0, ids.Length).GroupBy(sets.Root).Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        var grouped = near.SelectMany(g => g).Select(i => ids[i]).ToList();
        var copies = catalog.LoadCopies();
        var photos = catalog.LoadPhotos([.. grouped.Concat(copies.Keys).Distinct()]);
        var texts = catalog.CountTexts(photos.Keys);
        var groups = new List<DuplicateGroup>();
        foreach (var members in near)
        {
            var found = members.Where(i => photos.ContainsKey(ids[i])).ToList();
            if (found.Count < 2)
            {
                continue;
            }
            var ordered = found.OrderBy(i => KeeperRank(photos[ids[i]], texts)).ToList();
            var keeper = ordered[0];
            var list = ordered.Select((i, at) => Member(photos[ids[i]], texts,
                at == 0 ? KeeperReason(photos[ids[i]], found.Count) : reasons.GetValueOrDefault((Math.Min(i, keeper), Math.Max(i, keeper)))
                    ?? "like another photo of the group")).ToList();
            groups.Add(new DuplicateGroup("near", list));
        }
        foreach (var (id, paths) in copies)
        {
            if (photos.TryGetValue(id, out var photo) && !grouped.Contains(id))
            {
                groups.Add(new DuplicateGroup("copies", [Member(photo with { Paths = paths }, texts, $"the same file at {paths.Count} places")]));
            }
        }
        return [.. groups.OrderByDescending(g => g.Members.Count).ThenBy(g => g.Keeper.Id)];
    }

    // Most pixels first, then the earliest date (undated last), then the richest metadata.
    private static (long, string, int, long) KeeperRank(CatalogPhoto photo, Dictionary<long, int> texts) =>
        (-(long)(photo.Width ?? 0) * (photo.Height ?? 0), photo.TakenAt ?? "~", -(texts.GetValueOrDefault(photo.Id) + photo.Paths.Count), photo.Id);

    private static string KeeperReason(CatalogPhoto photo, int count) =>
        $"suggested keeper of {count}: largest ({photo.Width} x {photo.Height}){(photo.TakenAt is null ? "" : $", taken {photo.TakenAt}")}";

    private static DuplicateMember Member(CatalogPhoto photo, Dictionary<long, int> texts, string reason) =>
        new(photo.Id, photo.Hash, photo.Paths, photo.Width, photo.Height, photo.TakenAt, texts.GetValueOrDefault(photo.Id), reason);

    private sealed class UnionFind(int count)
    {
        private readonly int[] _parent = [.. Enumerable.Range(0, count)];

        public int Root(int i)
        {
            while (_parent[i] != i)
            {
                _parent[i] = _parent[_parent[i]];
                i = _parent[i];
            }
            return i;
        }

        public void Join(int a, int b) => _parent[Root(a)] = Root(b);
    }
}
