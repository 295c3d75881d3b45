using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>
/// A hierarchical navigable small world graph kept by USearch (native, SIMD): a search walks from a few long-range
/// links down to a neighbourhood, scoring a few thousand vectors where an exact scan scores them all. Approximate;
/// <see cref="EfSearch"/> trades speed for recall.
/// </summary>
/// <remarks>
/// Vectors are held at float16, as the catalog stores them, so a library's vectors lose nothing and take half the
/// memory; a vector given at float32 is rounded on the way in. The walk scores at float16 and keeps ef candidates,
/// which are then scored again exactly (the float32 query against the stored vector) and ranked best first, equal
/// scores by photo id, so answers agree with <see cref="ExactVectorIndex"/> over the same stored values.
/// A removed photo is only marked in the graph (walks pass through it, it is never returned) and its slot is reused
/// by a later insertion. Searches run concurrently; upserts and removals wait for them and run alone.
/// </remarks>
public sealed unsafe class USearchVectorIndex : IVectorIndex
{
    private const int MinimumCapacity = 64;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    // USearch keeps a fixed number of per-thread contexts and fails a call that finds none free; every call that needs
    // one enters here first, so there are never more callers than contexts.
    private readonly SemaphoreSlim _contexts = new(Contexts, Contexts);
    private readonly HashSet<long> _ids;
    private readonly GraphOptions _options;
    private readonly nint _handle;

    // Removed photos whose slots may still be taken: capacity is reserved as if none were reused yet.
    private long _tombstones;
    private int _count;
    private int _efSearch;
    private bool _disposed;

    private USearchVectorIndex(ModelIdentity model, nint handle, GraphOptions options, HashSet<long> ids)
    {
        Model = model;
        _handle = handle;
        _options = options;
        _ids = ids;
        _count = ids.Count;
        EfSearch = options.ExpansionSearch;
    }

    private static int Contexts => Math.Max(4, 2 * Environment.ProcessorCount);

    public ModelIdentity Model { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Candidates a search keeps by default (at least k); may be changed while searches run.</summary>
    public int EfSearch
    {
        get => Volatile.Read(ref _efSearch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref _efSearch, value);
        }
    }

    /// <summary>Bytes the graph and its vectors hold in native memory.</summary>
    public long MemoryBytes
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                byte* error = null;
                return (long)USearchNative.MemoryUsage(_handle, &error);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    internal GraphOptions Options => _options with { ExpansionSearch = EfSearch };

    /// <summary>An empty index, room made for <paramref name="capacity"/> vectors.</summary>
    public static USearchVectorIndex Create(ModelIdentity model, GraphOptions? options = null, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimensions, nameof(model));
        options ??= new GraphOptions();
        options.Validate();
        var index = new USearchVectorIndex(model, Open(model.Dimensions, options), options, []);
        index.Reserve(Math.Max(capacity, MinimumCapacity));
        return index;
    }

    /// <summary>
    /// Links <paramref name="ids"/> and their rows (row i is rows[i·d ..][..d], L2-normalised) into a graph, on
    /// <see cref="GraphOptions.BuildThreads"/> threads.
    /// </summary>
    /// <exception cref="ArgumentException">Rows of the wrong length, values not finite, or an id twice.</exception>
    public static USearchVectorIndex Build(ModelIdentity model, ReadOnlyMemory<long> ids, ReadOnlyMemory<float> rows, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = model.Dimensions;
        if (rows.Length != (long)ids.Length * d)
        {
            throw new ArgumentException($"{ids.Length} ids need {(long)ids.Length * d} values, not {rows.Length}.", nameof(rows));
        }
        var unique = new HashSet<long>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            VectorCheck.Validate(model, rows.Span.Slice(i * d, d), nameof(rows));
            ArgumentOutOfRangeException.ThrowIfEqual(ids.Span[i], long.MaxValue, nameof(ids));
            if (!unique.Add(ids.Span[i]))
            {
                throw new ArgumentException($"photo {ids.Span[i]} appears twice", nameof(ids));
            }
        }
        var index = Create(model, options, ids.Length);
        try
        {
            var threads = index._options.BuildThreads > 0 ? index._options.BuildThreads : Environment.ProcessorCount;
            Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                index.AddNative(ids.Span[i], rows.Span.Slice(i * d, d)));
            index._ids.UnionWith(unique);
            index._count = unique.Count;
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <exception cref="ArgumentOutOfRangeException">The photo id is long.MaxValue, which the graph reserves.</exception>
    public void Upsert(long photoId, ReadOnlySpan<float> vector)
    {
        VectorCheck.Validate(Model, vector, nameof(vector));
        ArgumentOutOfRangeException.ThrowIfEqual(photoId, long.MaxValue);
        _lock.EnterWriteLock();
        try
        {
            if (_ids.Contains(photoId))
            {
                RemoveNative(photoId);
            }
            var needed = _ids.Count + _tombstones + 1;
            if (needed > CapacityNative())
            {
                Reserve(Math.Max(needed, 2 * CapacityNative()));
            }
            AddNative(photoId, vector);
            _ids.Add(photoId);
            Volatile.Write(ref _count, _ids.Count);
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
            if (!_ids.Remove(photoId))
            {
                return false;
            }
            RemoveNative(photoId);
            Volatile.Write(ref _count, _ids.Count);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null) =>
        Search(query, k, filter, EfSearch);

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, int, Func{long, bool}?)"/>, keeping <paramref name="ef"/> candidates (at least k).</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter, int ef)
    {
        VectorCheck.Validate(Model, query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ef);
        _lock.EnterReadLock();
        try
        {
            if (_ids.Count == 0)
            {
                return [];
            }
            // The C API takes no ef of its own: a walk keeps max(expansion, wanted) candidates, and the index's
            // expansion is 1, so asking for ef results is a walk of ef; all of them are scored again below.
            var wanted = Math.Min(Math.Max(k, ef), _ids.Count);
            if (wanted == _ids.Count)
            {
                // A walk keeping every photo costs what scoring each does, and could still miss one that no link reaches.
                return ScoreEach(query, k, filter is null ? _ids : _ids.Where(filter));
            }
            var keys = ArrayPool<ulong>.Shared.Rent(wanted);
            var distances = ArrayPool<float>.Shared.Rent(wanted);
            try
            {
                var found = Walk(query, wanted, filter, keys, distances);
                var top = new TopK(Math.Min(k, found));
                var row = ArrayPool<float>.Shared.Rent(Model.Dimensions);
                try
                {
                    for (var i = 0; i < found; i++)
                    {
                        Offer(top, query, PhotoIdOf(keys[i]), row);
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(row);
                }
                return top.Drain();
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(keys);
                ArrayPool<float>.Shared.Return(distances);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<VectorHit> SearchAmong(ReadOnlySpan<float> query, int k, IEnumerable<long> photoIds)
    {
        VectorCheck.Validate(Model, query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentNullException.ThrowIfNull(photoIds);
        _lock.EnterReadLock();
        try
        {
            return ScoreEach(query, k, photoIds.Where(_ids.Contains));
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
            return [.. _ids];
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
            byte* error = null;
            var length = (long)USearchNative.SerializedLength(_handle, &error);
            var buffer = (byte*)NativeMemory.Alloc((nuint)length);
            try
            {
                USearchNative.SaveBuffer(_handle, buffer, (nuint)length, &error);
                USearchNative.Check(error, "write the index");
                var ids = _ids.ToArray();
                Array.Sort(ids);
                USearchIndexFile.Write(path, Model, Options, ids, buffer, length);
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/> for the <paramref name="expected"/> model.</summary>
    /// <exception cref="VectorIndexStaleException">The file is missing, damaged, or of another model: rebuild it from the catalog.</exception>
    public static USearchVectorIndex Load(string path, ModelIdentity expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (options, ids, graph) = USearchIndexFile.Read(path, expected);
        try
        {
            var handle = Open(expected.Dimensions, options);
            var index = new USearchVectorIndex(expected, handle, options, []);
            try
            {
                byte* error = null;
                USearchNative.LoadBuffer(handle, graph.Pointer, (nuint)graph.Length, &error);
                if (error is not null)
                {
                    throw VectorIndexFile.Corrupt(path, $"USearch cannot read its graph ({Marshal.PtrToStringUTF8((nint)error)})");
                }
                // Its own count is not compared: after a removal whose slot was taken again, USearch counts the
                // reloaded graph one short. Every listed photo is looked up instead (below).
                var dimensions = (int)USearchNative.Dimensions(handle, &error);
                if (dimensions != expected.Dimensions)
                {
                    throw VectorIndexFile.Corrupt(path, $"its graph holds vectors of {dimensions} dimensions, not {expected.Dimensions}");
                }
                index.SetThreads();
                foreach (var id in ids)
                {
                    if (!index._ids.Add(id) || !USearchNative.Contains(handle, Key(id), &error))
                    {
                        throw VectorIndexFile.Corrupt(path, $"photo {id} is listed but not in its graph, or twice");
                    }
                }
                index._count = ids.Length;
                return index;
            }
            catch
            {
                index.Dispose();
                throw;
            }
        }
        finally
        {
            graph.Dispose();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        byte* error = null;
        USearchNative.Free(_handle, &error);
        _lock.Dispose();
        _contexts.Dispose();
    }

    // USearch marks free slots with the largest key, which a plain cast would give photo -1: the sign bit is flipped
    // on the way in and out, so only long.MaxValue (never a catalog's id) cannot be held.
    internal static ulong Key(long photoId) => (ulong)photoId ^ SignBit;

    internal static long PhotoIdOf(ulong key) => (long)(key ^ SignBit);

    private const ulong SignBit = 1UL << 63;

    private static nint Open(int dimensions, GraphOptions options)
    {
        var init = new USearchNative.InitOptions
        {
            Metric = USearchNative.MetricKind.InnerProduct,
            Quantization = USearchNative.ScalarKind.Float16,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = 1,
        };
        byte* error = null;
        var handle = USearchNative.Init(&init, &error);
        if (error is not null && handle != 0)
        {
            USearchNative.Free(handle, &error);
        }
        USearchNative.Check(error, "create an index");
        return handle;
    }

    private long CapacityNative()
    {
        byte* error = null;
        return (long)USearchNative.Capacity(_handle, &error);
    }

    // Reserving sets the thread contexts back to the core count, so they are set again after it.
    private void Reserve(long capacity)
    {
        byte* error = null;
        USearchNative.Reserve(_handle, (nuint)capacity, &error);
        USearchNative.Check(error, $"make room for {capacity} vectors");
        SetThreads();
    }

    private void SetThreads()
    {
        byte* error = null;
        USearchNative.ChangeThreadsAdd(_handle, (nuint)Contexts, &error);
        USearchNative.ChangeThreadsSearch(_handle, (nuint)Contexts, &error);
        USearchNative.Check(error, "prepare its thread contexts");
    }

    private void AddNative(long photoId, ReadOnlySpan<float> vector)
    {
        _contexts.Wait();
        try
        {
            byte* error = null;
            fixed (float* values = vector)
            {
                USearchNative.Add(_handle, Key(photoId), values, USearchNative.ScalarKind.Float32, &error);
            }
            USearchNative.Check(error, $"add photo {photoId}");
        }
        finally
        {
            _contexts.Release();
        }
    }

    private void RemoveNative(long photoId)
    {
        byte* error = null;
        USearchNative.Remove(_handle, Key(photoId), &error);
        USearchNative.Check(error, $"remove photo {photoId}");
        _tombstones++;
    }

    private int Walk(ReadOnlySpan<float> query, int wanted, Func<long, bool>? filter, ulong[] keys, float[] distances)
    {
        _contexts.Wait();
        try
        {
            byte* error = null;
            nuint found;
            fixed (float* values = query)
            fixed (ulong* keyOut = keys)
            fixed (float* distanceOut = distances)
            {
                if (filter is null)
                {
                    found = USearchNative.Search(_handle, values, USearchNative.ScalarKind.Float32, (nuint)wanted, keyOut, distanceOut, &error);
                }
                else
                {
                    var call = new USearchNative.FilterCall(filter);
                    var handle = GCHandle.Alloc(call);
                    try
                    {
                        found = USearchNative.FilteredSearch(_handle, values, USearchNative.ScalarKind.Float32, (nuint)wanted,
                            &USearchNative.Accept, (void*)GCHandle.ToIntPtr(handle), keyOut, distanceOut, &error);
                    }
                    finally
                    {
                        handle.Free();
                    }
                    if (call.Failure is not null)
                    {
                        ExceptionDispatchInfo.Throw(call.Failure);
                    }
                }
            }
            USearchNative.Check(error, "search");
            return (int)found;
        }
        finally
        {
            _contexts.Release();
        }
    }

    private VectorHit[] ScoreEach(ReadOnlySpan<float> query, int k, IEnumerable<long> photoIds)
    {
        var row = ArrayPool<float>.Shared.Rent(Model.Dimensions);
        try
        {
            var top = new TopK(Math.Min(k, _ids.Count));
            foreach (var photoId in photoIds)
            {
                Offer(top, query, photoId, row);
            }
            return top.Drain();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(row);
        }
    }

    // The stored (float16) vector, read back as float32 and scored against the float32 query.
    private void Offer(TopK top, ReadOnlySpan<float> query, long photoId, float[] row)
    {
        byte* error = null;
        var span = row.AsSpan(0, Model.Dimensions);
        fixed (float* values = span)
        {
            if (USearchNative.Get(_handle, Key(photoId), 1, values, USearchNative.ScalarKind.Float32, &error) == 0)
            {
                return;
            }
        }
        top.Offer(photoId, TensorPrimitives.Dot(query, span));
    }
}
