using Shoebox.Search.Duplicates;

namespace Shoebox.Tests.Search.Duplicates;

[Tier(Tier.Unit)]
public class DuplicateCandidatesTests
{
    // Hashes in families: a base and copies with 0 to 14 bits flipped, so pairs fall on both sides of the limit.
    private static ulong[] Families(Random random, int count, int families, int maxFlips)
    {
        var bases = Enumerable.Range(0, families).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63)).ToArray();
        return [.. Enumerable.Range(0, count).Select(_ => Flip(random, bases[random.Next(families)], random.Next(maxFlips + 1)))];
    }

    private static ulong Flip(Random random, ulong hash, int bits)
    {
        foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(bits))
        {
            hash ^= 1UL << bit;
        }
        return hash;
    }

    private static void AssertSamePairs(ulong[] hashes, ulong[] centres, int maxDistance)
    {
        var expected = DuplicateCandidates.AllPairs(hashes, centres, maxDistance).ToList();
        var found = DuplicateCandidates.Pairs(hashes, centres, maxDistance).ToList();

        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 10)]
    [InlineData(3, 0)]
    [InlineData(4, 4)]
    [InlineData(5, 16)]
    public void Pairs_RandomFamilies_SameAsAllPairs(int seed, int maxDistance)
    {
        var random = new Random(seed);
        var hashes = Families(random, 1500, 60, 14);
        // Centres: mostly unrelated, some near another photo's hash (a crop of it).
        var centres = hashes.Select(h => random.Next(4) == 0 ? Flip(random, hashes[random.Next(hashes.Length)], random.Next(13)) : (ulong)random.NextInt64()).ToArray();

        AssertSamePairs(hashes, centres, maxDistance);
        Assert.NotEmpty(DuplicateCandidates.Pairs(hashes, centres, maxDistance));
    }

    [Fact]
    public void Pairs_DistanceExactlyTenAndEleven_FindsTenNotEleven()
    {
        var random = new Random(7);
        var hashes = new List<ulong>();
        for (var n = 0; n < 200; n++)
        {
            var hash = (ulong)random.NextInt64();
            hashes.Add(hash);
            hashes.Add(Flip(random, hash, 10 + n % 2));
        }
        var array = hashes.ToArray();
        var centres = array.Select(_ => (ulong)random.NextInt64()).ToArray();

        var found = DuplicateCandidates.Pairs(array, centres, 10).ToHashSet();

        AssertSamePairs(array, centres, 10);
        for (var n = 0; n < 200; n++)
        {
            Assert.Equal(n % 2 == 0, found.Contains((2 * n, 2 * n + 1)));
        }
    }

    [Fact]
    public void Pairs_TenBitsSpreadOverChunks_StillFound()
    {
        // Every other bit of the low 20: the low chunks all differ, yet the first two are within 10; the third is
        // 11 from the first and 1 from the second.
        const ulong spread = 0b_01010101_01010101_0101;
        ulong[] hashes = [0x0123_4567_89AB_CDEF, 0x0123_4567_89AB_CDEF ^ spread, 0x0123_4567_89AB_CDEF ^ (spread | 1UL << 63)];
        var centres = new ulong[] { 1, 2, 3 };

        Assert.Equal([(0, 1), (1, 2)], DuplicateCandidates.Pairs(hashes, centres, 10));
    }

    [Fact]
    public void Pairs_ManyIdenticalHashes_PairsEveryOne()
    {
        var random = new Random(3);
        // A third of the photos blank (one hash), the rest spread out, some near the blank one.
        var hashes = Enumerable.Range(0, 900).Select(i => i % 3 == 0 ? 0UL : i % 7 == 0 ? Flip(random, 0, random.Next(12)) : (ulong)random.NextInt64()).ToArray();
        var centres = hashes.Select((h, i) => i % 5 == 0 ? h : (ulong)random.NextInt64()).ToArray();

        AssertSamePairs(hashes, centres, 10);
        Assert.True(DuplicateCandidates.Pairs(hashes, centres, 10).Count() >= 300 * 299 / 2);
    }

    [Fact]
    public void Pairs_CentreNearAnotherHash_FindsTheCropEitherWay()
    {
        ulong[] hashes = [0xFFFF_0000_FFFF_0000, 0x1234_5678_1234_5678, 0x0F0F_0F0F_0F0F_0F0F];
        // Photo 0's centre is near photo 1's hash, photo 2's centre near photo 0's hash.
        ulong[] centres = [0x1234_5678_1234_567F, 0xAAAA_AAAA_AAAA_AAAA, 0xFFFF_0000_FFFF_0003];

        Assert.Equal([(0, 1), (0, 2)], DuplicateCandidates.Pairs(hashes, centres, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(25)]
    public void Near_AnyLimit_FindsExactlyTheHashesWithinIt(int maxDistance)
    {
        var random = new Random(maxDistance);
        var hashes = Families(random, 2000, 40, 30);
        var index = new HammingIndex(hashes, maxDistance);

        foreach (var query in hashes.Take(100).Concat(Enumerable.Range(0, 20).Select(_ => (ulong)random.NextInt64())))
        {
            var found = new List<int>();
            index.Near(query, found);
            var expected = Enumerable.Range(0, hashes.Length).Where(i => System.Numerics.BitOperations.PopCount(hashes[i] ^ query) <= maxDistance).ToList();
            Assert.Equal(expected, found.Order());
        }
    }
}
