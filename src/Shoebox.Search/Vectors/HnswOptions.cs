namespace Shoebox.Search.Vectors;

/// <summary>How <see cref="HnswVectorIndex"/> links its graph and how widely a search looks.</summary>
/// <remarks>
/// Defaults measured by `bench search` on two cores, clustered 512-d data (see the README's "Search latency"): at a
/// million vectors efConstruction 40 left recall@10 at 0.38 (ef 64) to 0.60 (ef 256); 120 raised it to 0.78 to 0.92
/// for 2.3 times the build (930 s), and ef 128 answers in about 1.4 ms there at 0.86.
/// </remarks>
public sealed record HnswOptions
{
    public const int DefaultM = 16;
    public const int DefaultEfConstruction = 120;
    public const int DefaultEfSearch = 128;

    /// <summary>Links a node keeps per upper layer; twice as many on the bottom layer, where every node lives.</summary>
    public int M { get; init; } = DefaultM;

    /// <summary>Candidates an insertion considers when choosing its links: higher builds slower and searches better.</summary>
    public int EfConstruction { get; init; } = DefaultEfConstruction;

    /// <summary>Candidates a search keeps (at least k) unless the search says otherwise: the recall/latency knob.</summary>
    public int EfSearch { get; init; } = DefaultEfSearch;

    /// <summary>Seeds the layer each node is drawn to, so the same vectors give the same graph.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads a bulk build uses; 0 means one per core. The graph is the same whatever the count.</summary>
    public int BuildThreads { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2, nameof(M));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(M, HnswGraph.MaxM, nameof(M));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EfConstruction, nameof(EfConstruction));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EfSearch, nameof(EfSearch));
        ArgumentOutOfRangeException.ThrowIfNegative(BuildThreads, nameof(BuildThreads));
    }
}
