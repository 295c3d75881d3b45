using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace Shoebox.Search.Vectors;

/// <summary>
/// Spherical k-means on centred vectors, over rows of a flat row-major array. Deterministic for a given
/// <see cref="Random"/>: assignments run in parallel but each row's result depends on that row alone, and sums are
/// taken in row order.
/// </summary>
/// <remarks>
/// Why centred: image embeddings share a large common component (unrelated photos still have cosine about 0.4).
/// Uncentred, the centroid of a broad list is mostly that component, scores well against every vector and swallows
/// a large share of them, so probed lists are far larger than average. Ranking by q·x equals ranking by q·(x − μ),
/// so routing by the centred vector loses nothing; and argmax over c of (x − μ)·c is argmax of x·c − μ·c, so the
/// data is never copied: each centroid carries its bias μ·c.
/// </remarks>
internal static class KMeans
{
    // Lloyd iterations on a sample; ten settle the centroids well enough for routing, and the loop stops early once
    // no assignment changes.
    private const int Iterations = 10;

    /// <summary>Trains <paramref name="k"/> unit centroids on the rows listed in <paramref name="sample"/> (at least k of them).</summary>
    public static float[] Train(ReadOnlyMemory<float> data, int dimensions, int[] sample, int k, float[] mean, Random random)
    {
        // The sample is gathered into one block: Lloyd passes read it many times, and scattered rows would miss the cache.
        var rows = new float[sample.Length * dimensions];
        for (var i = 0; i < sample.Length; i++)
        {
            Row(data.Span, sample[i], dimensions).CopyTo(rows.AsSpan(i * dimensions));
        }
        var all = Enumerable.Range(0, sample.Length).ToArray();
        var centroids = new float[k * dimensions];
        // Start from k distinct sample rows, picked at random (the caller's sample is already in random order).
        for (var c = 0; c < k; c++)
        {
            Centre(Row(rows, c, dimensions), mean, centroids.AsSpan(c * dimensions, dimensions));
        }
        var assignment = new int[sample.Length];
        Array.Fill(assignment, -1);
        var sizes = new int[k];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            if (Assign(rows, dimensions, all, centroids, Biases(centroids, mean), assignment) == 0)
            {
                break;
            }
            Array.Clear(centroids);
            Array.Clear(sizes);
            for (var i = 0; i < sample.Length; i++)
            {
                var sum = centroids.AsSpan(assignment[i] * dimensions, dimensions);
                TensorPrimitives.Add(sum, Row(rows, i, dimensions), sum);
                sizes[assignment[i]]++;
            }
            for (var c = 0; c < k; c++)
            {
                var centroid = centroids.AsSpan(c * dimensions, dimensions);
                TensorPrimitives.MultiplyAdd(mean, -sizes[c], centroid, centroid);
                var norm = TensorPrimitives.Norm(centroid);
                if (sizes[c] == 0 || norm == 0)
                {
                    // An empty cluster helps nobody: restart it on a random sample row.
                    Centre(Row(rows, random.Next(sample.Length), dimensions), mean, centroid);
                    continue;
                }
                TensorPrimitives.Divide(centroid, norm, centroid);
            }
        }
        return centroids;
    }

    /// <summary>μ·c for each centroid c: subtracted from x·c, it makes the score (x − μ)·c.</summary>
    public static float[] Biases(float[] centroids, ReadOnlySpan<float> mean)
    {
        var biases = new float[centroids.Length / mean.Length];
        for (var c = 0; c < biases.Length; c++)
        {
            biases[c] = TensorPrimitives.Dot(mean, centroids.AsSpan(c * mean.Length, mean.Length));
        }
        return biases;
    }

    /// <summary>Sets each listed row's nearest centroid; returns how many changed.</summary>
    public static int Assign(ReadOnlyMemory<float> data, int dimensions, int[] rows, float[] centroids, float[] biases, int[] assignment)
    {
        var changed = 0;
        Parallel.ForEach(Partitioner.Create(0, rows.Length, Math.Max(256, rows.Length / (Environment.ProcessorCount * 8))), range =>
        {
            var local = 0;
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var nearest = Nearest(centroids, biases, dimensions, Row(data.Span, rows[i], dimensions));
                if (nearest != assignment[i])
                {
                    assignment[i] = nearest;
                    local++;
                }
            }
            Interlocked.Add(ref changed, local);
        });
        return changed;
    }

    /// <summary>The centroid with the largest x·c − μ·c; ties go to the lower index.</summary>
    public static int Nearest(ReadOnlySpan<float> centroids, ReadOnlySpan<float> biases, int dimensions, ReadOnlySpan<float> vector)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < biases.Length; c++)
        {
            var score = TensorPrimitives.Dot(vector, centroids.Slice(c * dimensions, dimensions)) - biases[c];
            if (score > bestScore)
            {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The mean of the rows, which centring subtracts.</summary>
    public static float[] Mean(ReadOnlySpan<float> data, int dimensions)
    {
        var sum = new double[dimensions];
        for (var start = 0; start < data.Length; start += dimensions)
        {
            for (var j = 0; j < dimensions; j++)
            {
                sum[j] += data[start + j];
            }
        }
        var count = Math.Max(1, data.Length / dimensions);
        return [.. sum.Select(s => (float)(s / count))];
    }

    /// <summary>Up to <paramref name="size"/> of <paramref name="rows"/> in random order (a partial Fisher–Yates shuffle of a copy).</summary>
    public static int[] Sample(int[] rows, int size, Random random)
    {
        var copy = (int[])rows.Clone();
        size = Math.Min(size, copy.Length);
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..size];
    }

    /// <summary>(row − mean), normalised, into <paramref name="destination"/>.</summary>
    private static void Centre(ReadOnlySpan<float> row, ReadOnlySpan<float> mean, Span<float> destination)
    {
        TensorPrimitives.Subtract(row, mean, destination);
        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0)
        {
            TensorPrimitives.Divide(destination, norm, destination);
        }
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> data, int row, int dimensions) => data.Slice(row * dimensions, dimensions);
}
