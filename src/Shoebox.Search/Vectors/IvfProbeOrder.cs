using System.Numerics.Tensors;

namespace Shoebox.Search.Vectors;

/// <summary>
/// The lists of an IVF index in the order a search visits them: by the routing score of query and centroid, best
/// first, ties by list number. The first <see cref="Probed"/> are found by a bounded heap; the rest are sorted only
/// if a filtered search needs to go past them, which keeps the common case at one pass over the centroids.
/// </summary>
internal sealed class IvfProbeOrder
{
    private readonly float[] _scores;
    private int[] _order;

    public IvfProbeOrder(ReadOnlySpan<float> query, float[] centroids, float[] biases, int dimensions, int probes)
    {
        var lists = biases.Length;
        _scores = new float[lists];
        var top = new TopK(probes);
        for (var l = 0; l < lists; l++)
        {
            _scores[l] = TensorPrimitives.Dot(query, centroids.AsSpan(l * dimensions, dimensions)) - biases[l];
            top.Offer(l, _scores[l]);
        }
        _order = [.. top.Drain().Select(hit => (int)hit.PhotoId)];
        Probed = _order.Length;
    }

    public int Probed { get; }

    public int this[int i]
    {
        get
        {
            if (i >= _order.Length)
            {
                _order = Enumerable.Range(0, _scores.Length).ToArray();
                Array.Sort(_order, (a, b) => _scores[a] != _scores[b] ? _scores[b].CompareTo(_scores[a]) : a.CompareTo(b));
            }
            return _order[i];
        }
    }
}
