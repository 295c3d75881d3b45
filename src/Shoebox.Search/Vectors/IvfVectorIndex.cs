using System.Numerics.Tensors;
using Shoebox.Core;

namespace Shoebox.Search.Vectors;

/// <summary>
/// An inverted-file index: vectors are partitioned by spherical k-means into lists, and a search ranks the list
/// centroids, then scores exactly (SIMD dot products over contiguous rows) only the members of the
/// <see cref="Probes"/> nearest lists. Approximate: a neighbour routed to an unprobed list is missed.
/// </summary>
/// <remarks>
/// After <see cref="Build"/>, upserts go to the list of their nearest centroid (a replaced vector moves if its
/// nearest list changed) and removals leave their list; the centroids stay as trained, so after the collection has
/// grown several times over or drifted, build again from the catalog. A filter shrinks what each list yields, so a
/// filtered search keeps probing lists in centroid order until it has scored as many accepted vectors as the
/// unfiltered probe would have scored (and at least k): recall holds under a filter, and a very selective filter
/// ends in a scan of every list, i.e. the exact answer over the filtered set. Searches run concurrently; upserts
/// and removals wait for them and run alone.
/// </remarks>
public sealed class IvfVectorIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, (int List, int Slot)> _where;
    private readonly int _dimensions;

    // Centroid l is _centroids[l * _dimensions ..][.._dimensions] and routes list _lists[l] by the score
    // x·c − _biases[l], i.e. (x − _mean)·c (see KMeans); set once, except when an index built empty gets its first vector.
    private readonly float[] _mean;
    private float[] _centroids;
    private float[] _biases;
    private readonly List<IvfList> _lists;
    private int _count;
    private int _probes;

    private IvfVectorIndex(ModelIdentity model, float[] mean, float[] centroids, List<IvfList> lists, int probes)
    {
        Model = model;
        _dimensions = model.Dimensions;
        _mean = mean;
        _centroids = centroids;
        _biases = KMeans.Biases(centroids, mean);
        _lists = lists;
        Probes = probes;
        _where = new Dictionary<long, (int, int)>(lists.Sum(list => list.Count));
        for (var l = 0; l < lists.Count; l++)
        {
            for (var slot = 0; slot < lists[l].Count; slot++)
            {
                if (!_where.TryAdd(lists[l].Ids[slot], (l, slot)))
                {
                    throw new ArgumentException($"photo {lists[l].Ids[slot]} appears twice");
                }
            }
        }
        _count = _where.Count;
    }

    public ModelIdentity Model { get; }

    public int Count => Volatile.Read(ref _count);

    public int ListCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _lists.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Lists a search probes by default (at least 1); may be changed while searches run.</summary>
    public int Probes
    {
        get => Volatile.Read(ref _probes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref _probes, value);
        }
    }

    /// <summary>
    /// Partitions <paramref name="ids"/> and their rows (row i is rows[i·d ..][..d], L2-normalised) into lists.
    /// Deterministic: the same vectors and options give the same index.
    /// </summary>
    /// <exception cref="ArgumentException">Rows of the wrong length, values not finite, or an id twice.</exception>
    public static IvfVectorIndex Build(ModelIdentity model, ReadOnlyMemory<long> ids, ReadOnlyMemory<float> rows, IvfOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimensions, nameof(model));
        options ??= new IvfOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Lists, nameof(options));
        var d = model.Dimensions;
        if (rows.Length != (long)ids.Length * d)
        {
            throw new ArgumentException($"{ids.Length} ids need {(long)ids.Length * d} values, not {rows.Length}.", nameof(rows));
        }
        if (!rows.IsEmpty && !TensorPrimitives.IsFiniteAll(rows.Span))
        {
            throw new ArgumentException("The vectors have values that are not finite.", nameof(rows));
        }
        if (ids.Length == 0)
        {
            return new IvfVectorIndex(model, new float[d], [], [], options.Probes);
        }
        var lists = options.Lists > 0 ? Math.Min(options.Lists, ids.Length) : IvfPartition.DefaultLists(ids.Length);
        var (centroids, mean, listOf) = IvfPartition.Run(rows, d, ids.Length, lists, options.Seed);
        var sizes = new int[centroids.Length / d];
        foreach (var l in listOf)
        {
            sizes[l]++;
        }
        var built = sizes.Select(size => new IvfList(d, size)).ToList();
        var source = rows.Span;
        for (var row = 0; row < listOf.Length; row++)
        {
            built[listOf[row]].Add(ids.Span[row], source.Slice(row * d, d));
        }
        return new IvfVectorIndex(model, mean, centroids, built, options.Probes);
    }

    public void Upsert(long photoId, ReadOnlySpan<float> vector)
    {
        CheckVector(vector, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            if (_lists.Count == 0)
            {
                // Built empty: the first vector is the one centroid there is to route by.
                _centroids = vector.ToArray();
                _biases = KMeans.Biases(_centroids, _mean);
                _lists.Add(new IvfList(_dimensions, 0));
            }
            var nearest = KMeans.Nearest(_centroids, _biases, _dimensions, vector);
            if (_where.TryGetValue(photoId, out var at))
            {
                if (at.List == nearest)
                {
                    vector.CopyTo(_lists[at.List].Row(at.Slot));
                    return;
                }
                RemoveAt(at);
            }
            _where[photoId] = (nearest, _lists[nearest].Add(photoId, vector));
            Volatile.Write(ref _count, _where.Count);
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
            if (!_where.Remove(photoId, out var at))
            {
                return false;
            }
            RemoveAt(at);
            Volatile.Write(ref _count, _where.Count);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null) =>
        Search(query, k, filter, Probes);

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, int, Func{long, bool}?)"/>, probing <paramref name="probes"/> lists.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter, int probes)
    {
        CheckVector(query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(probes);
        _lock.EnterReadLock();
        try
        {
            var top = new TopK(Math.Min(k, _count));
            var order = new IvfProbeOrder(query, _centroids, _biases, _dimensions, Math.Min(probes, _lists.Count));
            // What the unfiltered probe scores; a filtered search goes on until it has scored as many.
            var wanted = 0;
            for (var i = 0; i < order.Probed; i++)
            {
                wanted += _lists[order[i]].Count;
            }
            wanted = Math.Max(wanted, k);
            var scored = 0;
            for (var i = 0; i < _lists.Count && (i < order.Probed || scored < wanted); i++)
            {
                scored += Score(_lists[order[i]], query, filter, top);
            }
            return top.Drain();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Writes the index to <paramref name="path"/>, replacing the file whole or not at all. Searches go on meanwhile.</summary>
    public long[] PhotoIds()
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _where.Keys];
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
            IvfIndexFile.Write(path, Model.Key, _dimensions, Probes, _mean, _centroids, _lists);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/> for the <paramref name="expected"/> model.</summary>
    /// <exception cref="VectorIndexStaleException">The file is missing, damaged, or of another model: rebuild it from the catalog.</exception>
    public static IvfVectorIndex Load(string path, ModelIdentity expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (probes, mean, centroids, lists) = IvfIndexFile.Read(path, expected.Key, expected.Dimensions);
        try
        {
            return new IvfVectorIndex(expected, mean, centroids, lists, probes);
        }
        catch (ArgumentException e)
        {
            throw VectorIndexFile.Corrupt(path, e.Message, e);
        }
    }

    public void Dispose() => _lock.Dispose();

    private static int Score(IvfList list, ReadOnlySpan<float> query, Func<long, bool>? filter, TopK top)
    {
        var scored = 0;
        var rows = list.Rows.AsSpan();
        var d = query.Length;
        for (var slot = 0; slot < list.Count; slot++)
        {
            var photoId = list.Ids[slot];
            if (filter is not null && !filter(photoId))
            {
                continue;
            }
            top.Offer(photoId, TensorPrimitives.Dot(query, rows.Slice(slot * d, d)));
            scored++;
        }
        return scored;
    }

    private void RemoveAt((int List, int Slot) at)
    {
        if (_lists[at.List].RemoveAt(at.Slot) is { } moved)
        {
            _where[moved] = at;
        }
    }

    private void CheckVector(ReadOnlySpan<float> vector, string name) => VectorCheck.Validate(Model, vector, name);
}
