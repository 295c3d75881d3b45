using Shoebox.Core;

namespace Shoebox.Search.Vectors;

/// <summary>
/// A hierarchical navigable small world graph: a search walks from a few long-range links down to a neighbourhood,
/// scoring a few thousand vectors where an exact scan scores them all. Approximate; <see cref="EfSearch"/> trades
/// speed for recall.
/// </summary>
/// <remarks>
/// Incremental: an upsert links one more node (a replaced vector is a removal plus an addition) and a removal only
/// marks its node deleted, which walks still pass through; <see cref="DeletedCount"/> says when a rebuild from the
/// catalog would pay. Deleted and filtered-out nodes are walked through but never returned. A filtered walk keeps
/// going until it holds ef accepted nodes; if that takes more than <see cref="FilteredExpansionsPerEf"/> times ef
/// expansions (a filter accepting roughly under a tenth of what it meets), or the walk ends with fewer than k, the
/// search scans the accepted vectors exactly instead: a selective filter gets the exact answer, at the cost of
/// calling it once per vector. Searches run concurrently; upserts and removals wait for them and run alone.
/// </remarks>
public sealed class HnswVectorIndex : IVectorIndex
{
    /// <summary>How far a filtered walk may go, in units of ef, before an exact scan of the accepted set is cheaper.</summary>
    public const int FilteredExpansionsPerEf = 10;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly HnswScratch.Pool _scratch = new();
    private readonly HnswGraph _graph;
    private readonly Dictionary<long, int> _nodeOf;
    private readonly HnswOptions _options;

    // Draws each new node's top layer; seeded, so the same upserts give the same graph.
    private readonly Random _levels;
    private int _count;
    private int _efSearch;

    private HnswVectorIndex(ModelIdentity model, HnswGraph graph, HnswOptions options)
    {
        Model = model;
        _graph = graph;
        _options = options;
        EfSearch = options.EfSearch;
        _levels = new Random(unchecked(options.Seed + graph.Count));
        _nodeOf = new Dictionary<long, int>(graph.Count);
        for (var node = 0; node < graph.Count; node++)
        {
            if (!graph.Deleted[node] && !_nodeOf.TryAdd(graph.Ids[node], node))
            {
                throw new ArgumentException($"photo {graph.Ids[node]} appears twice");
            }
        }
        _count = _nodeOf.Count;
    }

    public ModelIdentity Model { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Nodes removed or replaced since the build, still in the graph; past about Count, rebuild.</summary>
    public int DeletedCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _graph.Count - _nodeOf.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

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

    internal HnswOptions Options => _options with { EfSearch = EfSearch };

    /// <summary>
    /// Links <paramref name="ids"/> and their rows (row i is rows[i·d ..][..d], L2-normalised) into a graph, on
    /// <see cref="HnswOptions.BuildThreads"/> threads. Deterministic: the same vectors and options give the same graph.
    /// </summary>
    /// <exception cref="ArgumentException">Rows of the wrong length, values not finite, or an id twice.</exception>
    public static HnswVectorIndex Build(ModelIdentity model, ReadOnlyMemory<long> ids, ReadOnlyMemory<float> rows, HnswOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimensions, nameof(model));
        options ??= new HnswOptions();
        options.Validate();
        var d = model.Dimensions;
        if (rows.Length != (long)ids.Length * d)
        {
            throw new ArgumentException($"{ids.Length} ids need {(long)ids.Length * d} values, not {rows.Length}.", nameof(rows));
        }
        var graph = new HnswGraph(d, options.M, ids.Length);
        var levels = new Random(options.Seed);
        for (var i = 0; i < ids.Length; i++)
        {
            var row = rows.Span.Slice(i * d, d);
            VectorCheck.Validate(model, row, nameof(rows));
            graph.Append(ids.Span[i], row, DrawLevel(levels, options.M));
        }
        var index = new HnswVectorIndex(model, graph, options);
        var threads = options.BuildThreads > 0 ? options.BuildThreads : Environment.ProcessorCount;
        HnswInsertion.LinkFrom(graph, 0, options.EfConstruction, threads, index._scratch);
        return index;
    }

    public void Upsert(long photoId, ReadOnlySpan<float> vector)
    {
        VectorCheck.Validate(Model, vector, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            if (_nodeOf.TryGetValue(photoId, out var old))
            {
                _graph.Deleted[old] = true;
            }
            var node = _graph.Append(photoId, vector, DrawLevel(_levels, _graph.M));
            HnswInsertion.LinkFrom(_graph, node, _options.EfConstruction, 1, _scratch);
            _nodeOf[photoId] = node;
            Volatile.Write(ref _count, _nodeOf.Count);
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
            if (!_nodeOf.Remove(photoId, out var node))
            {
                return false;
            }
            _graph.Deleted[node] = true;
            Volatile.Write(ref _count, _nodeOf.Count);
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
            if (_nodeOf.Count == 0)
            {
                return [];
            }
            ef = Math.Max(ef, k);
            var graph = _graph;
            Func<int, bool>? accept = filter is null && graph.Count == _nodeOf.Count
                ? null
                : node => !graph.Deleted[node] && (filter is null || filter(graph.Ids[node]));
            var top = new TopK(Math.Min(k, _nodeOf.Count));
            var scratch = _scratch.Rent();
            try
            {
                var walked = graph.SearchLayer(query, [graph.Descend(query, 0)], ef, 0, scratch, accept,
                    accept is null ? int.MaxValue : ef * FilteredExpansionsPerEf);
                if (walked && scratch.Results.Count >= Math.Min(k, _nodeOf.Count))
                {
                    foreach (var (node, score) in scratch.Results.UnorderedItems)
                    {
                        top.Offer(graph.Ids[node], score);
                    }
                    return top.Drain();
                }
            }
            finally
            {
                _scratch.Return(scratch);
            }
            ScanExactly(query, filter, top);
            return top.Drain();
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
            return [.. _nodeOf.Keys];
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
            HnswIndexFile.Write(path, Model.Key, Options, _graph);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/> for the <paramref name="expected"/> model.</summary>
    /// <exception cref="VectorIndexStaleException">The file is missing, damaged, or of another model: rebuild it from the catalog.</exception>
    public static HnswVectorIndex Load(string path, ModelIdentity expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (options, graph) = HnswIndexFile.Read(path, expected.Key, expected.Dimensions);
        try
        {
            return new HnswVectorIndex(expected, graph, options);
        }
        catch (ArgumentException e)
        {
            throw VectorIndexFile.Corrupt(path, e.Message, e);
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The paper's layer draw: ⌊−ln(U)·mL⌋ with mL = 1/ln(M), so each layer holds about 1/M of the one below.</summary>
    private static int DrawLevel(Random random, int m) =>
        (int)Math.Min(HnswGraph.MaxLevel, Math.Floor(-Math.Log(1 - random.NextDouble()) / Math.Log(m)));

    private void ScanExactly(ReadOnlySpan<float> query, Func<long, bool>? filter, TopK top)
    {
        for (var node = 0; node < _graph.Count; node++)
        {
            if (!_graph.Deleted[node] && (filter is null || filter(_graph.Ids[node])))
            {
                top.Offer(_graph.Ids[node], _graph.Score(query, node));
            }
        }
    }
}
