using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// Finds exact copies (one content at several places) and near-duplicates (pairs the rules accept, joined
/// transitively), and chooses which photo of each group to keep (<see cref="KeeperChoice"/>). Photos whose read
/// text differs, and photos the user said are not duplicates, never end up in one group, even through others.
/// Reads only: nothing is moved or deleted here.
/// </summary>
public static class DuplicateFinder
{
    /// <param name="model">The model whose vectors refine the hash rule; null (or a library without its vectors) uses the hash alone.</param>
    /// <param name="inspector">Reads JPEG qualities and conversions from the files; one kept across calls remembers what it read.</param>
    public static Task<List<DuplicateGroup>> FindAsync(PhotoCatalog catalog, ModelIdentity? model, DuplicateRules? rules = null, CopyInspector? inspector = null) =>
        FindAsync(catalog, model, rules ?? new DuplicateRules(), DuplicateCandidates.Pairs, inspector);

    /// <summary>
    /// The groups of near-duplicates among these photos only, looked at as a whole find would: the members of a group
    /// were joined through each other alone, so its group found again after a decision about it costs a few reads.
    /// </summary>
    public static Task<List<DuplicateGroup>> FindAmongAsync(PhotoCatalog catalog, ModelIdentity? model, IReadOnlyCollection<long> photoIds, CopyInspector? inspector = null)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        return FindAsync(catalog, model, new DuplicateRules(), DuplicateCandidates.Pairs, inspector, photoIds);
    }

    /// <param name="candidates">How the pairs to check are found; the tests pass <see cref="DuplicateCandidates.AllPairs"/>, the reference.</param>
    /// <param name="among">Only these photos, and no groups of exact copies; null for the whole library.</param>
    internal static async Task<List<DuplicateGroup>> FindAsync(
        PhotoCatalog catalog, ModelIdentity? model, DuplicateRules rules, Func<IReadOnlyList<ulong>, IReadOnlyList<ulong>, int, IEnumerable<(int A, int B)>> candidates,
        CopyInspector? inspector = null, IReadOnlyCollection<long>? among = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var stored = await catalog.Duplicates.LoadPrintsAsync(among);
        var ids = stored.Keys.Order().ToArray();
        var prints = new GreyPrint[ids.Length];
        Parallel.For(0, ids.Length, i => prints[i] = new GreyPrint(stored[ids[i]].Hash, stored[ids[i]].Grey, stored[ids[i]].Centre));
        stored.Clear();
        var pairs = candidates(prints.Select(p => p.Hash).ToArray(), prints.Select(p => p.CentreHash).ToArray(), rules.MaxHashDistance);
        // Vectors and texts only refine pairs the hashes allow: only photos in such a pair need theirs.
        var paired = pairs.SelectMany(p => new[] { ids[p.A], ids[p.B] }).Distinct().ToList();
        var vectors = model is null ? [] : await catalog.Vectors.LoadAsync(model, paired);
        var copies = among is null ? await catalog.Duplicates.LoadCopiesAsync() : new Dictionary<long, List<string>>();
        var photos = await catalog.Photos.LoadAsync([.. paired.Concat(copies.Keys).Distinct()]);
        var texts = await ReadTextsAsync(catalog, paired, photos);
        var decisions = await catalog.Duplicates.LoadDecisionsAsync();
        var sets = new Sets(ids.Length);
        foreach (var (i, j) in pairs)
        {
            // A pair already joined through others changes no group; skipping it spares the grey levels of
            // every pair in a large group of one picture.
            if (sets.Root(i) != sets.Root(j)
                && rules.Match(prints[i], prints[j], vectors.GetValueOrDefault(ids[i]), vectors.GetValueOrDefault(ids[j])) is not null
                && sets.AllPairs(i, j, (a, b) => !decisions.AreApart(ids[a], ids[b]) && !texts.Differ(ids[a], ids[b])))
            {
                sets.Join(i, j);
            }
        }
        var near = sets.Groups();
        var grouped = near.SelectMany(g => g).Select(i => ids[i]).ToHashSet();
        var counts = await catalog.Duplicates.CountTextsAsync(photos.Keys);
        var files = await catalog.Duplicates.LoadFilesAsync([.. grouped]);
        var at = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var look = inspector ?? new CopyInspector();
        var groups = new List<DuplicateGroup>();
        foreach (var members in near)
        {
            var found = members.Select(i => ids[i]).Where(photos.ContainsKey).ToList();
            if (found.Count < 2)
            {
                continue;
            }
            var facts = Facts(found.Select(id => photos[id]), files, counts, decisions, look);
            var ordered = KeeperChoice.Order(facts);
            var keeper = ordered[0];
            var list = new List<DuplicateMember> { Member(keeper, KeeperChoice.WhyKept(keeper, ordered[1]), []) };
            foreach (var copy in ordered.Skip(1))
            {
                var cropped = rules.Match(prints[at[copy.Id]], prints[at[keeper.Id]], vectors.GetValueOrDefault(copy.Id), vectors.GetValueOrDefault(keeper.Id))?.Cropped ?? false;
                var differences = KeeperChoice.Differences(copy, keeper, cropped);
                list.Add(Member(copy, KeeperChoice.Describe(copy, keeper, differences), differences));
            }
            groups.Add(new DuplicateGroup("near", list) { KeeperChosen = keeper.Chosen });
        }
        foreach (var (id, paths) in copies)
        {
            if (photos.TryGetValue(id, out var photo) && !grouped.Contains(id))
            {
                var copy = new CopyFacts { Photo = photo with { Paths = paths }, Files = [], Metadata = counts.GetValueOrDefault(id) + paths.Count };
                groups.Add(new DuplicateGroup("copies", [Member(copy, $"the same file at {paths.Count} places", [])]));
            }
        }
        // By what a decision about the keeper leaves alone: choosing another keeper does not move a group to another page.
        return [.. groups.OrderByDescending(g => g.Members.Count).ThenBy(g => g.Members.Min(m => m.Id))];
    }

    // The text read in each photo whose reading is done (empty when it held none); photos not read yet are left out.
    private static async Task<TextGuard> ReadTextsAsync(PhotoCatalog catalog, List<long> photoIds, Dictionary<long, CatalogPhoto> photos)
    {
        if (photoIds.Count == 0)
        {
            return TextGuard.None;
        }
        var read = await catalog.Stages.DoneAmongAsync(Stages.Ocr, photoIds);
        var wanted = photoIds.Where(read.Contains).ToList();
        var lines = await catalog.Texts.LoadOcrLinesAsync(wanted);
        return new TextGuard(
            wanted.ToDictionary(id => id, id => string.Join(' ', lines.GetValueOrDefault(id)?.Select(l => l.Text) ?? [])),
            photos.ToDictionary(p => p.Key, p => (long)(p.Value.Width ?? 0) * (p.Value.Height ?? 0)));
    }

    // What the keeper is chosen by, read from the group's files: every JPEG's tables (its quality decides between
    // copies and is shown beside each), and, for a lossless file of the most pixels only (the one its being lossless
    // could make the keeper), whether it is a JPEG of the same size decoded again.
    private static List<CopyFacts> Facts(
        IEnumerable<CatalogPhoto> photos, Dictionary<long, List<CopyFile>> files, Dictionary<long, int> counts, DuplicateDecisions decisions, CopyInspector inspector)
    {
        var copies = photos.Select(photo => new CopyFacts
        {
            Photo = photo,
            Files = files.GetValueOrDefault(photo.Id) ?? [],
            Metadata = counts.GetValueOrDefault(photo.Id) + photo.Paths.Count,
            Chosen = decisions.Keepers.Contains(photo.Id),
        }).ToList();
        var most = copies.Max(c => c.Pixels);
        copies = [.. copies.Select(c => c.IsJpeg && c.Files.Count > 0 ? c with { Quality = inspector.JpegQuality(c.Photo.Hash, [.. c.Files.Select(f => f.Path)]) } : c)];
        return [.. copies.Select(c =>
        {
            if (!c.IsLosslessFormat)
            {
                return c;
            }
            var source = c.Pixels == most && c.Files.Count > 0
                ? copies.FirstOrDefault(j => j.IsJpeg && j.Files.Count > 0 && j.Photo.Width == c.Photo.Width && j.Photo.Height == c.Photo.Height
                    && inspector.IsDecodedCopy(c.Photo.Hash, c.Files[0].Path, j.Photo.Hash, j.Files[0].Path, Math.Max(c.Photo.Width ?? 1, c.Photo.Height ?? 1)))
                : null;
            return source is null ? c with { Quality = CopyFacts.Lossless } : c with { Quality = source.Quality, ConvertedFrom = source.Id };
        })];
    }

    private static DuplicateMember Member(CopyFacts copy, string reason, IReadOnlyList<string> differences)
    {
        var photo = copy.Photo;
        return new DuplicateMember(photo.Id, photo.Hash.Hex, photo.Paths, photo.Width, photo.Height, PhotoTimes.Text(photo.TakenAt), copy.Metadata - photo.Paths.Count, reason)
        {
            Format = photo.Format.Name(),
            Size = photo.Size,
            Quality = copy.Quality,
            Differences = differences,
        };
    }

    // Union-find that also lists each set's members, so that a join can look at every pair it would make.
    private sealed class Sets
    {
        private readonly int[] _parent;
        private readonly List<int>?[] _members;

        public Sets(int count)
        {
            _parent = [.. Enumerable.Range(0, count)];
            _members = new List<int>?[count];
        }

        public int Root(int i)
        {
            while (_parent[i] != i)
            {
                _parent[i] = _parent[_parent[i]];
                i = _parent[i];
            }
            return i;
        }

        /// <summary>Whether every pair of a member of i's set and one of j's passes.</summary>
        public bool AllPairs(int i, int j, Func<int, int, bool> passes)
        {
            var (a, b) = (Members(Root(i)), Members(Root(j)));
            return a.All(x => b.All(y => passes(x, y)));
        }

        public void Join(int i, int j)
        {
            var (a, b) = (Root(i), Root(j));
            (_members[b] ??= [b]).AddRange(Members(a));
            _members[a] = null;
            _parent[a] = b;
        }

        /// <summary>The sets of more than one, as lists of positions.</summary>
        public List<List<int>> Groups() =>
            [.. Enumerable.Range(0, _parent.Length).Where(i => Root(i) == i && _members[i] is { Count: > 1 }).Select(i => _members[i]!)];

        private List<int> Members(int root) => _members[root] ?? [root];
    }
}
