namespace Shoebox.Search.Vectors;

/// <summary>How <see cref="IvfVectorIndex.Build"/> partitions vectors and how many lists a search probes.</summary>
public sealed record IvfOptions
{
    /// <summary>
    /// Lists probed per search unless a search says otherwise. Chosen by `bench search` (two cores, clustered 512-d
    /// data): at 100,000 vectors (1,263 lists) 128 probes give recall@10 0.96 at 2.2 ms p50, where 64 give 0.94. At a
    /// million on that data no probe count reaches both 0.95 and 5 ms (128: 0.65 at 6.4 ms); see the README.
    /// </summary>
    public const int DefaultProbes = 128;

    /// <summary>How many lists to partition into; 0 picks 4·√n.</summary>
    public int Lists { get; init; }

    public int Probes { get; init; } = DefaultProbes;

    /// <summary>Seeds the k-means sampling and starting centroids, so the same vectors give the same index.</summary>
    public int Seed { get; init; } = 1;
}
