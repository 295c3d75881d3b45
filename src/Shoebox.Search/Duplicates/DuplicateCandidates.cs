using Shoebox.Imaging;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// The pairs of photos the duplicate rules could accept: those whose pHashes are within the rules' distance, or
/// one's centre hash and the other's hash (a copy cropped to its centre). Any other pair fails the hash test,
/// so the rules need not see it.
/// </summary>
public static class DuplicateCandidates
{
    /// <summary>
    /// Every such pair (i &lt; j, by i then j), found through <see cref="HammingIndex"/>: far fewer than all pairs on
    /// a large library. The look-ups happen here, once; enumerating the pairs again only lists them again.
    /// </summary>
    public static IEnumerable<(int A, int B)> Pairs(IReadOnlyList<ulong> hashes, IReadOnlyList<ulong> centres, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(centres);
        if (hashes.Count != centres.Count)
        {
            throw new ArgumentException($"{hashes.Count} hashes but {centres.Count} centre hashes", nameof(centres));
        }
        var byHash = new HammingIndex(hashes, maxDistance);
        var byCentre = new HammingIndex(centres, maxDistance);
        // Hash to hash, centre to hash, hash to centre: the three ways the rules compare a pair.
        return List(hashes.Count, byHash, byCentre, byHash.NearAll(hashes), byHash.NearAll(centres), byCentre.NearAll(hashes));
    }

    /// <summary>The same pairs by comparing every pair: quadratic, the reference the tests and the duplicates-scale bench hold the index to.</summary>
    public static IEnumerable<(int A, int B)> AllPairs(IReadOnlyList<ulong> hashes, IReadOnlyList<ulong> centres, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(centres);
        for (var i = 0; i < hashes.Count; i++)
        {
            for (var j = i + 1; j < hashes.Count; j++)
            {
                if (PerceptualHash.Distance(hashes[i], hashes[j]) <= maxDistance
                    || PerceptualHash.Distance(centres[i], hashes[j]) <= maxDistance
                    || PerceptualHash.Distance(hashes[i], centres[j]) <= maxDistance)
                {
                    yield return (i, j);
                }
            }
        }
    }

    private static IEnumerable<(int A, int B)> List(int count, HammingIndex byHash, HammingIndex byCentre,
        List<int>?[] hashToHash, List<int>?[] centreToHash, List<int>?[] hashToCentre)
    {
        // seen[j] == i + 1 once j is listed for i: the three may each find it.
        var seen = new int[count];
        var later = new List<int>();
        for (var i = 0; i < count; i++)
        {
            later.Clear();
            Add(i, byHash, hashToHash[i], seen, later);
            Add(i, byHash, centreToHash[i], seen, later);
            Add(i, byCentre, hashToCentre[i], seen, later);
            later.Sort();
            foreach (var j in later)
            {
                yield return (i, j);
            }
        }
    }

    private static void Add(int i, HammingIndex index, List<int>? distinct, int[] seen, List<int> later)
    {
        foreach (var d in distinct ?? [])
        {
            foreach (var j in index.Members(d))
            {
                if (j > i && seen[j] != i + 1)
                {
                    seen[j] = i + 1;
                    later.Add(j);
                }
            }
        }
    }
}
