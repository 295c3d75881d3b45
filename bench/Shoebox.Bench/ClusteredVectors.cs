namespace Shoebox.Bench;

/// <summary>
/// Generated stand-ins for CLIP image embeddings: unit vectors from a mixture of many Gaussian clusters, each
/// spread mostly along a few directions of its own.
/// </summary>
/// <remarks>
/// Why this shape: real CLIP embeddings share a common component (two unrelated photos still have cosine around
/// 0.4), group by subject (many clusters: pets, screenshots, beaches, one meme template and its variants), and vary
/// within a group along few directions (pose, crop, caption), i.e. a low intrinsic dimension, which is what makes
/// any approximate search possible. Uniform random vectors, by contrast, have no neighbours worth the name in
/// 512 dimensions; <see cref="Uniform"/> makes them for the honest worst case. One cluster per 200 vectors, so
/// density stays alike from 10,000 to a million. The weights give, for a held-out vector as the query, cosine about 0.76
/// with its nearest neighbour, 0.68 with its 10th and 0.35 with an unrelated vector (the bench prints these).
/// </remarks>
internal static class ClusteredVectors
{
    private const int VectorsPerCluster = 200;
    private const int SpreadDirections = 16;
    private const float Common = 0.7f;
    private const float Centre = 0.5f;
    private const float Spread = 0.7f;
    private const float Noise = 0.4f;
    private const int Chunk = 4096;

    /// <summary><paramref name="count"/> rows of <paramref name="dimensions"/>, row-major; the same seed gives the same rows.</summary>
    public static float[] Generate(int count, int dimensions, int seed, int clusters = 0)
    {
        var random = new Random(seed);
        clusters = clusters > 0 ? clusters : Math.Max(8, count / VectorsPerCluster);
        var common = Gaussian(random, dimensions, dimensions, unit: true);
        var centres = Gaussian(random, clusters * dimensions, dimensions, unit: true);
        // Each direction has length about Spread / √directions, so the whole spread has length about Spread.
        var spread = Gaussian(random, clusters * SpreadDirections * dimensions, dimensions, unit: true);
        var rows = new float[(long)count * dimensions];
        Parallel.For(0, (count + Chunk - 1) / Chunk, chunk =>
        {
            var local = new Random(unchecked((seed * 7919) + chunk));
            var weights = new float[SpreadDirections];
            for (var i = chunk * Chunk; i < Math.Min(count, (chunk + 1) * Chunk); i++)
            {
                var row = rows.AsSpan(i * dimensions, dimensions);
                var cluster = local.Next(clusters);
                Fill(local, row, Noise / MathF.Sqrt(dimensions));
                Fill(local, weights, Spread / MathF.Sqrt(SpreadDirections));
                for (var j = 0; j < dimensions; j++)
                {
                    row[j] += (Common * common[j]) + (Centre * centres[(cluster * dimensions) + j]);
                }
                for (var s = 0; s < SpreadDirections; s++)
                {
                    var direction = spread.AsSpan(((cluster * SpreadDirections) + s) * dimensions, dimensions);
                    for (var j = 0; j < dimensions; j++)
                    {
                        row[j] += weights[s] * direction[j];
                    }
                }
                Normalise(row);
            }
        });
        return rows;
    }

    public static float[] Uniform(int count, int dimensions, int seed) =>
        Gaussian(new Random(seed), count * dimensions, dimensions, unit: true);

    /// <summary>Standard normal values (so rows, once normalised, are uniform on the sphere).</summary>
    private static float[] Gaussian(Random random, int length, int rowLength, bool unit)
    {
        var values = new float[length];
        Fill(random, values, 1);
        if (unit)
        {
            for (var start = 0; start < length; start += rowLength)
            {
                Normalise(values.AsSpan(start, rowLength));
            }
        }
        return values;
    }

    private static void Fill(Random random, Span<float> values, float sigma)
    {
        // Box–Muller, two values per pair of uniforms.
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(radius * Math.Sin(angle));
            }
        }
    }

    private static void Normalise(Span<float> row)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
        System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
    }
}
