namespace Shoebox.Search.Vectors;

/// <summary>How <see cref="IvfVectorIndex.Build"/> partitions vectors and how many lists a search probes.</summary>
public sealed record IvfOptions
{
    /// <summary>
    /// Lists probed per search unless a search says otherwise. Chosen by `bench search` on clustered 512-d data:
    /// recall@10 against the exact index stays at or above 0.95 from 10,000 to a million vectors, at about 2 ms
    /// per query at a million on two cores.
    /// </summary>
    public const int DefaultProbes = 32;

    /// <summary>How many lists to partition into; 0 picks 4·√n.</summary>
    public int Lists { get; init; }

    public int Probes { get; init; } = DefaultProbes;

    /// <summary>Seeds the k-means sampling and starting centroids, so the same vectors give the same index.</summary>
    public int Seed { get; init; } = 1;
}
