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
    public static Task<List<DuplicateGroup>> FindAsync(PhotoCatalog catalog, ModelIdentity? model, DuplicateRules? rules = null) =>
        FindAsync(catalog, model, rules ?? new DuplicateRules(), DuplicateCandidates.Pairs);

    /// <param name="candidates">How the pairs to check are found; the tests pass <see cref="DuplicateCandidates.AllPairs"/>, the reference.</param>
    internal static async Task<List<DuplicateGroup>> FindAsync(
        PhotoCatalog catalog, ModelIdentity? model, DuplicateRules rules, Func<IReadOnlyList<ulong>, IReadOnlyList<ulong>, int, IEnumerable<(int A, int B)>> candidates)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var stored = await catalog.Duplicates.LoadPrintsAsync();
        var ids = stored.Keys.Order().ToArray();
        var prints = new GreyPrint[ids.Length];
        Parallel.For(0, ids.Length, i => prints[i] = new GreyPrint(stored[ids[i]].Hash, stored[ids[i]].Grey, stored[ids[i]].Centre));
        stored.Clear();
        var sets = new UnionFind(ids.Length);
        var pairs = candidates(prints.Select(p => p.Hash).ToArray(), prints.Select(p => p.CentreHash).ToArray(), rules.MaxHashDistance);
        // Vectors only refine pairs the hashes allow: only photos in such a pair need theirs.
        var vectors = model is null ? [] : await catalog.Vectors.LoadAsync(model, [.. pairs.SelectMany(p => new[] { ids[p.A], ids[p.B] }).Distinct()]);
        foreach (var (i, j) in pairs)
        {
            // A pair already joined through others changes no group; skipping it spares the grey levels of
            // every pair in a large group of one picture.
            if (sets.Root(i) != sets.Root(j)
                && rules.Match(prints[i], prints[j], vectors.GetValueOrDefault(ids[i]), vectors.GetValueOrDefault(ids[j])) is not null)
            {
                sets.Join(i, j);
            }
        }
        var near = Enumerable.Range(0, ids.Length).GroupBy(sets.Root).Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        var grouped = near.SelectMany(g => g).Select(i => ids[i]).ToHashSet();
        var copies = await catalog.Duplicates.LoadCopiesAsync();
        var photos = await catalog.Photos.LoadAsync([.. grouped.Concat(copies.Keys).Distinct()]);
        var texts = await catalog.Duplicates.CountTextsAsync(photos.Keys);
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
                at == 0 ? KeeperReason(photos[ids[i]], found.Count) : Reason(rules, prints, ids, vectors, Math.Min(i, keeper), Math.Max(i, keeper)))).ToList();
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

    // Why a member is like the keeper, or only through others of its group.
    private static string Reason(DuplicateRules rules, GreyPrint[] prints, long[] ids, Dictionary<long, float[]> vectors, int a, int b) =>
        rules.Match(prints[a], prints[b], vectors.GetValueOrDefault(ids[a]), vectors.GetValueOrDefault(ids[b])) ?? "like another photo of the group";

    // Most pixels first, then the earliest date (undated last), then the richest metadata.
    private static (long, DateTime, int, long) KeeperRank(CatalogPhoto photo, Dictionary<long, int> texts) =>
        (-(long)(photo.Width ?? 0) * (photo.Height ?? 0), photo.TakenAt ?? DateTime.MaxValue, -(texts.GetValueOrDefault(photo.Id) + photo.Paths.Count), photo.Id);

    private static string KeeperReason(CatalogPhoto photo, int count) =>
        $"suggested keeper of {count}: largest ({photo.Width} x {photo.Height}){(photo.TakenAt is { } taken ? $", taken {PhotoTimes.Text(taken)}" : "")}";

    private static DuplicateMember Member(CatalogPhoto photo, Dictionary<long, int> texts, string reason) =>
        new(photo.Id, photo.Hash.Hex, photo.Paths, photo.Width, photo.Height, PhotoTimes.Text(photo.TakenAt), texts.GetValueOrDefault(photo.Id), reason);

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
