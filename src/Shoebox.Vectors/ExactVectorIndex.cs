using System.Numerics.Tensors;
using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>
/// Scores every vector for every query. Exact, so it is also the recall reference for approximate indexes; fast
/// enough alone for small libraries. Searches run concurrently; upserts and removals wait for them and run alone.
/// </summary>
public sealed class ExactVectorIndex : IVectorIndex
{
    private const int MinimumCapacity = 64;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _rowOf;
    private readonly int _dimensions;

    // Row r is _rows[r * _dimensions ..][.._dimensions] and belongs to _ids[r]; rows 0.._count are live, with no gaps
    // (a removal moves the last row into the hole), so a search is one pass over contiguous memory.
    private float[] _rows;
    private long[] _ids;
    private int _count;

    /// <param name="capacity">How many vectors to make room for up front, e.g. the catalog's count when rebuilding.</param>
    public ExactVectorIndex(ModelIdentity model, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimensions, nameof(model));
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Model = model;
        _dimensions = model.Dimensions;
        capacity = Math.Min(Math.Max(capacity, MinimumCapacity), MaxRows);
        _rows = new float[(long)capacity * _dimensions];
        _ids = new long[capacity];
        _rowOf = new Dictionary<long, int>(capacity);
    }

    private ExactVectorIndex(ModelIdentity model, long[] ids, float[] rows, int count)
    {
        Model = model;
        _dimensions = model.Dimensions;
        _rows = rows;
        _ids = ids;
        _count = count;
        _rowOf = new Dictionary<long, int>(count);
        for (var row = 0; row < count; row++)
        {
            if (!_rowOf.TryAdd(ids[row], row))
            {
                throw new VectorIndexStaleException(VectorIndexStaleReason.Corrupt, $"photo {ids[row]} appears twice");
            }
        }
    }

    public ModelIdentity Model { get; }

    public int Count => Volatile.Read(ref _count);

    private int MaxRows => Array.MaxLength / _dimensions;

    public void Upsert(long photoId, ReadOnlySpan<float> vector)
    {
        CheckVector(vector, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.TryGetValue(photoId, out var row))
            {
                row = _count;
                EnsureCapacity(row + 1);
                _ids[row] = photoId;
                _rowOf.Add(photoId, row);
                Volatile.Write(ref _count, row + 1);
            }
            vector.CopyTo(RowSpan(row));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long photoId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.Remove(photoId, out var row))
            {
                return false;
            }
            var last = _count - 1;
            if (row != last)
            {
                RowSpan(last).CopyTo(RowSpan(row));
                _ids[row] = _ids[last];
                _rowOf[_ids[row]] = row;
            }
            Volatile.Write(ref _count, last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        CheckVector(query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _lock.EnterReadLock();
        try
        {
            var top = new TopK(Math.Min(k, _count));
            var rows = _rows.AsSpan();
            for (var row = 0; row < _count; row++)
            {
                var photoId = _ids[row];
                if (filter is not null && !filter(photoId))
                {
                    continue;
                }
                top.Offer(photoId, TensorPrimitives.Dot(query, rows.Slice(row * _dimensions, _dimensions)));
            }
            return top.Drain();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<VectorHit> SearchAmong(ReadOnlySpan<float> query, int k, IEnumerable<long> photoIds)
    {
        CheckVector(query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentNullException.ThrowIfNull(photoIds);
        _lock.EnterReadLock();
        try
        {
            var top = new TopK(Math.Min(k, _count));
            foreach (var photoId in photoIds)
            {
                if (_rowOf.TryGetValue(photoId, out var row))
                {
                    top.Offer(photoId, TensorPrimitives.Dot(query, RowSpan(row)));
                }
            }
            return top.Drain();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>A copy of every id and its row (row i is rows[i·d ..][..d]): what a graph outgrowing this index is built from.</summary>
    internal (long[] Ids, float[] Rows) Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return (_ids.AsSpan(0, _count).ToArray(), _rows.AsSpan(0, _count * _dimensions).ToArray());
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public long[] PhotoIds()
    {
        _lock.EnterReadLock();
        try
        {
            return _ids.AsSpan(0, _count).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Save(string path)
    {
        _lock.EnterReadLock();
        try
        {
            VectorIndexFile.Write(path, Model.Key, _dimensions, _ids.AsMemory(0, _count), _rows.AsMemory(0, _count * _dimensions));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/> for the <paramref name="expected"/> model.</summary>
    /// <exception cref="VectorIndexStaleException">The file is missing, damaged, or of another model: rebuild it from the catalog.</exception>
    public static ExactVectorIndex Load(string path, ModelIdentity expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (ids, rows) = VectorIndexFile.Read(path, expected.Key, expected.Dimensions);
        return new ExactVectorIndex(expected, ids, rows, ids.Length);
    }

    public void Dispose() => _lock.Dispose();

    private Span<float> RowSpan(int row) => _rows.AsSpan(row * _dimensions, _dimensions);

    private void EnsureCapacity(int rows)
    {
        if (rows <= _ids.Length)
        {
            return;
        }
        if (rows > MaxRows)
        {
            throw new InvalidOperationException($"The exact index holds at most {MaxRows} vectors of {_dimensions} dimensions.");
        }
        // Doubling alone would never grow an index loaded from an empty file, whose arrays are empty.
        var capacity = (int)Math.Min(Math.Max((long)_ids.Length * 2, MinimumCapacity), MaxRows);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _rows, capacity * _dimensions);
    }

    private void CheckVector(ReadOnlySpan<float> vector, string name) => VectorCheck.Validate(Model, vector, name);
}
