namespace Shoebox.Vectors;

/// <summary>Keeps the k best hits seen so far: a bounded min-heap whose top is the worst hit kept.</summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly PriorityQueue<long, VectorHit> _heap;

    public TopK(int k)
    {
        _k = k;
        _heap = new PriorityQueue<long, VectorHit>(k, WorstFirst.Instance);
    }

    public void Offer(long photoId, float score)
    {
        var hit = new VectorHit(photoId, score);
        if (_heap.Count < _k)
        {
            _heap.Enqueue(photoId, hit);
        }
        else if (_heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(hit, worst) > 0)
        {
            _heap.DequeueEnqueue(photoId, hit);
        }
    }

    /// <summary>The hits kept, best first; empties the collector.</summary>
    public VectorHit[] Drain()
    {
        var hits = new VectorHit[_heap.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            _heap.TryDequeue(out _, out hits[i]);
        }
        return hits;
    }

    /// <summary>Lower score is worse; on equal scores the larger photo id is worse, so results do not depend on row order.</summary>
    private sealed class WorstFirst : IComparer<VectorHit>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(VectorHit x, VectorHit y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.PhotoId.CompareTo(x.PhotoId);
        }
    }
}
