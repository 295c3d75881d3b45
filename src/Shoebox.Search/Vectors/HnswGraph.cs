using System.Numerics.Tensors;

namespace Shoebox.Search.Vectors;

/// <summary>
/// The storage and walks of a hierarchical navigable small world graph (Malkov and Yashunin, 2016) over
/// L2-normalised vectors, scored by dot product. Node n's vector is row n of one contiguous array; nodes are never
/// moved or freed, a removed one is only marked deleted (still walked through, never returned). Not thread-safe:
/// <see cref="HnswVectorIndex"/> locks around it, and <see cref="HnswInsertion"/> only writes what no one reads.
/// </summary>
internal sealed class HnswGraph
{
    public const int MaxM = 128;
    public const int MaxLevel = 32;

    public HnswGraph(int dimensions, int m, int capacity)
    {
        Dimensions = dimensions;
        M = m;
        Rows = new float[(long)capacity * dimensions];
        Ids = new long[capacity];
        Deleted = new bool[capacity];
        Levels = new byte[capacity];
        Links0 = new int[(long)capacity * Stride0];
        Upper = new int[capacity][];
    }

    /// <summary>A graph read back from a file, already checked by <see cref="HnswIndexFile"/>.</summary>
    public HnswGraph(int dimensions, int m, long[] ids, bool[] deleted, byte[] levels, float[] rows, int[] links0, int[][] upper, int entryPoint)
    {
        (Dimensions, M, Ids, Deleted, Levels, Rows, Links0, Upper) = (dimensions, m, ids, deleted, levels, rows, links0, upper);
        Count = ids.Length;
        EntryPoint = entryPoint;
        TopLevel = entryPoint >= 0 ? levels[entryPoint] : -1;
    }

    public int Dimensions { get; }

    public int M { get; }

    public int M0 => 2 * M;

    /// <summary>Ints per node on the bottom layer: a link count, then up to <see cref="M0"/> links.</summary>
    public int Stride0 => M0 + 1;

    /// <summary>Ints per node per upper layer, laid out like the bottom layer's.</summary>
    public int StrideUpper => M + 1;

    public float[] Rows { get; private set; }

    public long[] Ids { get; private set; }

    public bool[] Deleted { get; private set; }

    /// <summary>The top layer each node lives on (every node lives on layer 0 and all below its top).</summary>
    public byte[] Levels { get; private set; }

    public int[] Links0 { get; private set; }

    /// <summary>Links on layers 1 and up, only for nodes that reach them: layer l at (l − 1)·<see cref="StrideUpper"/>.</summary>
    public int[][] Upper { get; private set; }

    /// <summary>Nodes stored, deleted ones included.</summary>
    public int Count { get; set; }

    /// <summary>Where every walk starts: a node on the top layer, or −1 while the graph is empty.</summary>
    public int EntryPoint { get; set; } = -1;

    public int TopLevel { get; set; } = -1;

    public ReadOnlySpan<float> Row(int node) => Rows.AsSpan(node * Dimensions, Dimensions);

    public int MaxLinks(int level) => level == 0 ? M0 : M;

    /// <summary>A node's link count followed by room for all its links on <paramref name="level"/>.</summary>
    public Span<int> LinkSlots(int node, int level) =>
        level == 0 ? Links0.AsSpan(node * Stride0, Stride0) : Upper[node].AsSpan((level - 1) * StrideUpper, StrideUpper);

    public ReadOnlySpan<int> Links(int node, int level)
    {
        var slots = LinkSlots(node, level);
        return slots.Slice(1, slots[0]);
    }

    public float Score(ReadOnlySpan<float> query, int node) => TensorPrimitives.Dot(query, Row(node));

    /// <summary>Adds a node without links; <see cref="HnswInsertion"/> links it.</summary>
    public int Append(long id, ReadOnlySpan<float> vector, int level)
    {
        EnsureCapacity(Count + 1);
        var node = Count++;
        Ids[node] = id;
        Levels[node] = (byte)level;
        vector.CopyTo(Rows.AsSpan(node * Dimensions, Dimensions));
        Upper[node] = level > 0 ? new int[level * StrideUpper] : [];
        return node;
    }

    /// <summary>Greedy descent from the entry point through layers above <paramref name="level"/>: the closest node found.</summary>
    public int Descend(ReadOnlySpan<float> query, int level)
    {
        var best = EntryPoint;
        var bestScore = Score(query, best);
        for (var l = TopLevel; l > level; l--)
        {
            for (var moved = true; moved;)
            {
                moved = false;
                foreach (var next in Links(best, l))
                {
                    var score = Score(query, next);
                    if (score > bestScore)
                    {
                        (best, bestScore, moved) = (next, score, true);
                    }
                }
            }
        }
        return best;
    }

    /// <summary>
    /// Best-first search of one layer from <paramref name="entries"/>, keeping the <paramref name="ef"/> best nodes
    /// that <paramref name="accept"/> allows (all when null) in <see cref="HnswScratch.Results"/>. Rejected nodes are
    /// still walked through, which is how deleted and filtered-out nodes keep the graph connected.
    /// </summary>
    /// <returns>False when it gave up after expanding <paramref name="maxExpansions"/> nodes.</returns>
    public bool SearchLayer(ReadOnlySpan<float> query, ReadOnlySpan<int> entries, int ef, int level, HnswScratch scratch,
        Func<int, bool>? accept = null, int maxExpansions = int.MaxValue)
    {
        scratch.Reset(Count);
        var (candidates, results) = (scratch.Candidates, scratch.Results);
        foreach (var entry in entries)
        {
            if (scratch.Visit(entry))
            {
                Consider(query, entry, ef, candidates, results, accept);
            }
        }
        var expansions = 0;
        while (candidates.TryDequeue(out var node, out var negated))
        {
            if (results.Count >= ef && -negated < WorstOf(results))
            {
                break;
            }
            if (++expansions > maxExpansions)
            {
                return false;
            }
            foreach (var next in Links(node, level))
            {
                if (scratch.Visit(next))
                {
                    Consider(query, next, ef, candidates, results, accept);
                }
            }
        }
        return true;
    }

    private void Consider(ReadOnlySpan<float> query, int node, int ef, PriorityQueue<int, float> candidates,
        PriorityQueue<int, float> results, Func<int, bool>? accept)
    {
        var score = Score(query, node);
        if (results.Count >= ef && score <= WorstOf(results))
        {
            return;
        }
        candidates.Enqueue(node, -score);
        if (accept is null || accept(node))
        {
            results.Enqueue(node, score);
            if (results.Count > ef)
            {
                results.Dequeue();
            }
        }
    }

    private static float WorstOf(PriorityQueue<int, float> results) =>
        results.TryPeek(out _, out var worst) ? worst : float.NegativeInfinity;

    private void EnsureCapacity(int needed)
    {
        if (needed <= Ids.Length)
        {
            return;
        }
        var maxNodes = Array.MaxLength / Math.Max(Dimensions, Stride0);
        if (needed > maxNodes)
        {
            throw new InvalidOperationException($"A graph holds at most {maxNodes} vectors of {Dimensions} dimensions.");
        }
        var capacity = (int)Math.Min(Math.Max(needed, Math.Max(64L, Ids.Length * 2L)), maxNodes);
        Rows = Grown(Rows, (long)capacity * Dimensions);
        Ids = Grown(Ids, capacity);
        Deleted = Grown(Deleted, capacity);
        Levels = Grown(Levels, capacity);
        Links0 = Grown(Links0, (long)capacity * Stride0);
        Upper = Grown(Upper, capacity);
    }

    private static T[] Grown<T>(T[] old, long length)
    {
        var grown = new T[length];
        old.CopyTo(grown, 0);
        return grown;
    }
}
