using System.Numerics;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// Finds the 64-bit hashes within a Hamming distance of a query without comparing the query with all of them
/// (multi-index hashing). The bits are cut into m chunks: two hashes within distance r differ in at most r / m
/// bits (rounded down) on at least one chunk, by pigeonhole. Each chunk's values are a table, and a query looks
/// up only the values that near its own chunk, then checks the whole hash of what they hold. Equal hashes (many
/// near-blank pictures share one) are indexed once, so they cost a query one check, not one each.
/// </summary>
public sealed class HammingIndex
{
    // A chunk's table has 2^bits entries: beyond 20 bits it would outgrow what it saves.
    private const int MaxChunkBits = 20;

    private readonly ulong[] _hashes;
    private readonly int[] _memberStarts;
    private readonly int[] _members;
    private readonly Chunk[] _chunks;

    public HammingIndex(IReadOnlyList<ulong> hashes, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        var order = Enumerable.Range(0, hashes.Count).OrderBy(i => hashes[i]).ToArray();
        var distinct = new List<ulong>();
        var starts = new List<int>();
        for (var at = 0; at < order.Length; at++)
        {
            if (at == 0 || hashes[order[at]] != hashes[order[at - 1]])
            {
                distinct.Add(hashes[order[at]]);
                starts.Add(at);
            }
        }
        starts.Add(order.Length);
        _hashes = [.. distinct];
        _memberStarts = [.. starts];
        _members = order;
        MaxDistance = maxDistance;
        ChunkCount = ChooseChunkCount(_hashes.Length, maxDistance);
        ChunkRadius = maxDistance / ChunkCount;
        _chunks = new Chunk[ChunkCount];
        var shift = 0;
        for (var c = 0; c < ChunkCount; c++)
        {
            var bits = 64 / ChunkCount + (c < 64 % ChunkCount ? 1 : 0);
            _chunks[c] = Chunk.Build(_hashes, shift, bits, ChunkRadius);
            shift += bits;
        }
    }

    public int MaxDistance { get; }

    public int ChunkCount { get; }

    /// <summary>The most bits a chunk of a hash within <see cref="MaxDistance"/> may differ in, on its nearest chunk.</summary>
    public int ChunkRadius { get; }

    /// <summary>How many different hashes the index holds (equal ones count once).</summary>
    public int DistinctCount => _hashes.Length;

    /// <summary>The positions (in the list indexed) of the hashes equal to the <paramref name="distinct"/>-th different one.</summary>
    public ReadOnlySpan<int> Members(int distinct) => _members.AsSpan(_memberStarts[distinct], _memberStarts[distinct + 1] - _memberStarts[distinct]);

    /// <summary>Adds to <paramref name="found"/> the position of every indexed hash within <see cref="MaxDistance"/> of <paramref name="query"/>, each once.</summary>
    public void Near(ulong query, List<int> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        foreach (var distinct in NearAll([query])[0] ?? [])
        {
            found.AddRange(Members(distinct));
        }
    }

    /// <summary>
    /// For each query, the different indexed hashes (see <see cref="Members"/>) within <see cref="MaxDistance"/>,
    /// or null for none. Many queries at once go chunk by chunk in order of their values, so that the tables are
    /// read in sweeps rather than at random: on a large library that is most of the time.
    /// </summary>
    public List<int>?[] NearAll(IReadOnlyList<ulong> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var result = new List<int>?[queries.Count];
        var values = new int[queries.Count];
        var order = new int[queries.Count];
        var sorted = new ulong[queries.Count];
        for (var c = 0; c < _chunks.Length; c++)
        {
            var chunk = _chunks[c];
            for (var q = 0; q < queries.Count; q++)
            {
                values[q] = chunk.Value(queries[q]);
                order[q] = q;
            }
            Array.Sort(values, order);
            for (var n = 0; n < order.Length; n++)
            {
                sorted[n] = queries[order[n]];
            }
            var (starts, held, items) = (chunk.Starts, chunk.Hashes, chunk.Items);
            foreach (var flip in chunk.Flips)
            {
                for (var n = 0; n < order.Length; n++)
                {
                    var near = values[n] ^ flip;
                    for (var at = starts[near]; at < starts[near + 1]; at++)
                    {
                        var differ = held[at] ^ sorted[n];
                        if (BitOperations.PopCount(differ) <= MaxDistance && FirstNearChunk(differ) == c)
                        {
                            (result[order[n]] ??= []).Add(items[at]);
                        }
                    }
                }
            }
        }
        return result;
    }

    // A hash near on several chunks is found on each: it counts only on the first.
    private int FirstNearChunk(ulong differ)
    {
        for (var c = 0; c < _chunks.Length; c++)
        {
            if (BitOperations.PopCount((ulong)_chunks[c].Value(differ)) <= ChunkRadius)
            {
                return c;
            }
        }
        return -1;
    }

    // Fewer, wider chunks mean more values to look up per chunk; narrower ones, fuller tables: take the cheapest
    // by counting both, as if the hashes were spread evenly.
    private static int ChooseChunkCount(int count, int maxDistance)
    {
        var best = (Chunks: 64, Cost: double.MaxValue);
        for (var m = (64 + MaxChunkBits - 1) / MaxChunkBits; m <= Math.Max(4, Math.Min(64, maxDistance + 1)); m++)
        {
            var bits = 64 / m;
            double lookups = 0;
            for (var k = 0; k <= Math.Min(bits, maxDistance / m); k++)
            {
                lookups += Choose(bits + 1, k);
            }
            var cost = m * lookups * (1 + count / Math.Pow(2, bits));
            if (cost < best.Cost)
            {
                best = (m, cost);
            }
        }
        return best.Chunks;
    }

    private static double Choose(int n, int k)
    {
        double result = 1;
        for (var i = 0; i < k; i++)
        {
            result = result * (n - i) / (i + 1);
        }
        return result;
    }

    // Positions of the hashes grouped by this chunk's value: those with value v are Items[Starts[v]..Starts[v + 1]].
    private sealed class Chunk
    {
        private readonly int _shift;
        private readonly ulong _mask;

        private Chunk(int shift, int bits, int[] starts, int[] items, ulong[] hashes, int[] flips)
        {
            Hashes = hashes;
            Flips = flips;
            _shift = shift;
            _mask = (1UL << bits) - 1;
            Bits = bits;
            Starts = starts;
            Items = items;
        }

        public int Bits { get; }

        public int[] Starts { get; }

        public int[] Items { get; }

        /// <summary>The hash of each of <see cref="Items"/>, beside it: a look-up reads its values in a row.</summary>
        public ulong[] Hashes { get; }

        /// <summary>Every way to flip at most the chunk radius of its bits: XORed with a query's value, the values to look up.</summary>
        public int[] Flips { get; }

        public int Value(ulong hash) => (int)((hash >> _shift) & _mask);

        public static Chunk Build(ulong[] hashes, int shift, int bits, int radius)
        {
            var starts = new int[(1 << bits) + 1];
            var empty = new Chunk(shift, bits, starts, [], [], []);
            foreach (var hash in hashes)
            {
                starts[empty.Value(hash) + 1]++;
            }
            for (var v = 0; v < 1 << bits; v++)
            {
                starts[v + 1] += starts[v];
            }
            var next = starts[..^1];
            var items = new int[hashes.Length];
            for (var i = 0; i < hashes.Length; i++)
            {
                items[next[empty.Value(hashes[i])]++] = i;
            }
            var flips = new List<int>();
            AddFlips(flips, 0, 0, bits, radius);
            return new Chunk(shift, bits, starts, items, [.. items.Select(i => hashes[i])], [.. flips]);
        }

        // Flipping only bits from `from` upward, so each combination once.
        private static void AddFlips(List<int> flips, int flip, int from, int bits, int left)
        {
            flips.Add(flip);
            for (var bit = from; left > 0 && bit < bits; bit++)
            {
                AddFlips(flips, flip | 1 << bit, bit + 1, bits, left - 1);
            }
        }
    }
}
