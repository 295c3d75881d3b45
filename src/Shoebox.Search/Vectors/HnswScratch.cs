using System.Collections.Concurrent;

namespace Shoebox.Search.Vectors;

/// <summary>
/// What one graph walk needs, kept between walks: at a million nodes a fresh visited set per query would cost more
/// than the walk itself, so visits are stamped with a generation number and a new walk just bumps it.
/// </summary>
internal sealed class HnswScratch
{
    private int[] _stamps = [];
    private int _generation;

    /// <summary>Nodes still to expand, best first (the priority is the negated score).</summary>
    public PriorityQueue<int, float> Candidates { get; } = new();

    /// <summary>The best accepted nodes so far, worst first, so the bound is the top.</summary>
    public PriorityQueue<int, float> Results { get; } = new();

    public void Reset(int nodes)
    {
        if (_stamps.Length < nodes)
        {
            _stamps = new int[Math.Max(nodes, _stamps.Length * 2)];
            _generation = 0;
        }
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
        Candidates.Clear();
        Results.Clear();
    }

    /// <returns>Whether the node was not visited yet in this walk.</returns>
    public bool Visit(int node)
    {
        if (_stamps[node] == _generation)
        {
            return false;
        }
        _stamps[node] = _generation;
        return true;
    }

    /// <summary>Scratch for concurrent walks: each takes one and gives it back, so a thread pool keeps a few.</summary>
    public sealed class Pool
    {
        private readonly ConcurrentBag<HnswScratch> _free = [];

        public HnswScratch Rent() => _free.TryTake(out var scratch) ? scratch : new HnswScratch();

        public void Return(HnswScratch scratch) => _free.Add(scratch);
    }
}
