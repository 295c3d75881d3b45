namespace Shoebox.Search.Vectors;

/// <summary>
/// One inverted list: the vectors routed to one centroid, rows contiguous and without gaps (a removal moves the
/// last row into the hole) so that probing a list is one pass over contiguous memory.
/// </summary>
internal sealed class IvfList
{
    private readonly int _dimensions;

    public IvfList(int dimensions, int capacity)
    {
        _dimensions = dimensions;
        Ids = new long[capacity];
        Rows = new float[capacity * dimensions];
    }

    public IvfList(int dimensions, long[] ids, float[] rows)
    {
        _dimensions = dimensions;
        Ids = ids;
        Rows = rows;
        Count = ids.Length;
    }

    public long[] Ids { get; private set; }

    /// <summary>Row s is Rows[s * dimensions ..][..dimensions] and belongs to Ids[s].</summary>
    public float[] Rows { get; private set; }

    public int Count { get; private set; }

    public Span<float> Row(int slot) => Rows.AsSpan(slot * _dimensions, _dimensions);

    /// <returns>The slot the vector went to.</returns>
    public int Add(long photoId, ReadOnlySpan<float> vector)
    {
        if (Count == Ids.Length)
        {
            var capacity = Math.Max(4, Count * 2);
            var ids = Ids;
            var rows = Rows;
            Array.Resize(ref ids, capacity);
            Array.Resize(ref rows, capacity * _dimensions);
            Ids = ids;
            Rows = rows;
        }
        Ids[Count] = photoId;
        vector.CopyTo(Row(Count));
        return Count++;
    }

    /// <returns>The photo whose row moved into <paramref name="slot"/> to fill it, if any.</returns>
    public long? RemoveAt(int slot)
    {
        var last = Count - 1;
        Count = last;
        if (slot == last)
        {
            return null;
        }
        Row(last).CopyTo(Row(slot));
        Ids[slot] = Ids[last];
        return Ids[slot];
    }
}
