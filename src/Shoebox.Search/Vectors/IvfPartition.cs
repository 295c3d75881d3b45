namespace Shoebox.Search.Vectors;

/// <summary>
/// Splits vectors into lists for <see cref="IvfVectorIndex"/>: trained centroids and each row's list.
/// </summary>
/// <remarks>
/// Routing every row to the nearest of L ≈ 4·√n centroids costs n·L dot products: at a million 512-d vectors,
/// about 4·10⁹ of them, minutes on two cores. Past <see cref="FlatUpTo"/> lists the partition is therefore two-level,
/// as in hierarchical k-means: √L coarse centroids first, then each coarse cell split into its share of the L lists
/// by its own k-means, so each row costs about 2·√L dot products. A row near a coarse boundary may land in a list
/// whose centroid is not its globally nearest; searches rank all L centroids exactly, so that costs a little recall,
/// not correctness. Every k-means runs on a sample (<see cref="SamplePerCentroid"/> rows per centroid).
/// </remarks>
internal static class IvfPartition
{
    public const int FlatUpTo = 256;

    // Fewer than about 40 rows per centroid trains noisy centroids; more than 64 buys little and costs time.
    public const int SamplePerCentroid = 64;

    /// <summary>The automatic list count: 4·√n, the middle of the usual √n…16·√n range, and at most one per vector.</summary>
    public static int DefaultLists(int count) => Math.Clamp((int)Math.Round(4 * Math.Sqrt(count)), 1, Math.Max(1, count));

    public static (float[] Centroids, float[] Mean, int[] ListOf) Run(ReadOnlyMemory<float> data, int dimensions, int count, int lists, int seed)
    {
        var random = new Random(seed);
        var all = Enumerable.Range(0, count).ToArray();
        var mean = KMeans.Mean(data.Span, dimensions);
        if (lists <= FlatUpTo)
        {
            var (flat, flatOf) = Split(data, dimensions, all, lists, mean, random);
            return (flat, mean, flatOf);
        }
        var coarseCount = (int)Math.Ceiling(Math.Sqrt(lists));
        var (_, cellOf) = Split(data, dimensions, all, coarseCount, mean, random);
        var members = new List<int>[coarseCount];
        for (var c = 0; c < coarseCount; c++)
        {
            members[c] = [];
        }
        for (var row = 0; row < count; row++)
        {
            members[cellOf[row]].Add(row);
        }

        var centroids = new List<float[]>();
        var listOf = new int[count];
        var offset = 0;
        foreach (var cell in members)
        {
            if (cell.Count == 0)
            {
                continue;
            }
            var rows = cell.ToArray();
            var share = Math.Max(1, (int)Math.Round((double)lists * rows.Length / count));
            var (sub, subOf) = Split(data, dimensions, rows, share, mean, random);
            centroids.Add(sub);
            for (var i = 0; i < rows.Length; i++)
            {
                listOf[rows[i]] = offset + subOf[i];
            }
            offset += sub.Length / dimensions;
        }
        return ([.. centroids.SelectMany(c => c)], mean, listOf);
    }

    /// <summary>k-means of the given rows into k lists (fewer when there are fewer rows); every row assigned.</summary>
    private static (float[] Centroids, int[] Assignment) Split(ReadOnlyMemory<float> data, int dimensions, int[] rows, int k, float[] mean, Random random)
    {
        k = Math.Min(k, rows.Length);
        var centroids = KMeans.Train(data, dimensions, KMeans.Sample(rows, k * SamplePerCentroid, random), k, mean, random);
        var assignment = new int[rows.Length];
        Array.Fill(assignment, -1);
        KMeans.Assign(data, dimensions, rows, centroids, KMeans.Biases(centroids, mean), assignment);
        return (centroids, assignment);
    }
}
