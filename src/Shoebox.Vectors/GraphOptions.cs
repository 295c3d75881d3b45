namespace Shoebox.Vectors;

/// <summary>How <see cref="USearchVectorIndex"/> links its graph and how widely a search looks.</summary>
/// <remarks>
/// Defaults measured by `bench search` on two cores with clustered 512-d data (see the README's "Search latency").
/// </remarks>
public sealed record GraphOptions
{
    // M 32 with efConstruction 64 builds a million vectors in about 1,100 s of CPU with recall@10 0.95 at ef 256;
    // M 16 with efConstruction 128 took 1,600 s for 0.94 there (efConstruction costs more build time than M).
    public const int DefaultConnectivity = 32;
    public const int DefaultExpansionAdd = 64;
    public const int DefaultExpansionSearch = 256;

    /// <summary>Links a node keeps per upper layer (twice as many on the bottom layer, where every node lives).</summary>
    public int Connectivity { get; init; } = DefaultConnectivity;

    /// <summary>Candidates an insertion considers when choosing its links: higher builds slower and searches better.</summary>
    public int ExpansionAdd { get; init; } = DefaultExpansionAdd;

    /// <summary>Candidates a search keeps (at least k) unless the search says otherwise: the recall/latency knob.</summary>
    public int ExpansionSearch { get; init; } = DefaultExpansionSearch;

    /// <summary>Threads a bulk build uses; 0 means one per core.</summary>
    public int BuildThreads { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Connectivity, 2, nameof(Connectivity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Connectivity, 256, nameof(Connectivity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExpansionAdd, nameof(ExpansionAdd));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExpansionSearch, nameof(ExpansionSearch));
        ArgumentOutOfRangeException.ThrowIfNegative(BuildThreads, nameof(BuildThreads));
    }
}
