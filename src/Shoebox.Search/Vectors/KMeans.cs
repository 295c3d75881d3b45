using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace Shoebox.Search.Vectors;

/// <summary>
/// Spherical k-means (unit centroids, dot-product assignment) over rows of a flat row-major array. Deterministic
/// for a given <see cref="Random"/>: assignments run in parallel but each row's result depends on that row alone,
/// and sums are taken in row order.
/// </summary>
internal static class KMeans
{
    // Lloyd iterations are cheap on a sample; a dozen settles the centroids well enough for routing, and the loop
    // stops early once no assignment changes.
    private const int Iterations = 12;

    /// <summary>Trains <paramref name="k"/> unit centroids on the rows listed in <paramref name="sample"/> (at least k of them).</summary>
    public static float[] Train(ReadOnlyMemory<float> data, int dimensions, int[] sample, int k, Random random)
    {
        var centroids = new float[k * dimensions];
        // Start from k distinct sample rows, picked at random (the caller's sample is already in random order).
        for (var c = 0; c < k; c++)
        {
            Row(data.Span, sample[c], dimensions).CopyTo(centroids.AsSpan(c * dimensions, dimensions));
        }
        var assignment = new int[sample.Length];
        Array.Fill(assignment, -1);
        var sums = new float[k * dimensions];
        var sizes = new int[k];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            if (Assign(data, dimensions, sample, centroids, k, assignment) == 0)
            {
                break;
            }
            Array.Clear(sums);
            Array.Clear(sizes);
            for (var i = 0; i < sample.Length; i++)
            {
                var sum = sums.AsSpan(assignment[i] * dimensions, dimensions);
                TensorPrimitives.Add(sum, Row(data.Span, sample[i], dimensions), sum);
                sizes[assignment[i]]++;
            }
            for (var c = 0; c < k; c++)
            {
                var centroid = centroids.AsSpan(c * dimensions, dimensions);
                var norm = TensorPrimitives.Norm(sums.AsSpan(c * dimensions, dimensions));
                if (sizes[c] == 0 || norm == 0)
                {
                    // An empty cluster helps nobody: restart it on a random sample row.
                    Row(data.Span, sample[random.Next(sample.Length)], dimensions).CopyTo(centroid);
                    continue;
                }
                TensorPrimitives.Divide(sums.AsSpan(c * dimensions, dimensions), norm, centroid);
            }
        }
        return centroids;
    }

    /// <summary>Sets each listed row's nearest centroid; returns how many changed.</summary>
    public static int Assign(ReadOnlyMemory<float> data, int dimensions, int[] rows, float[] centroids, int k, int[] assignment)
    {
        var changed = 0;
        Parallel.ForEach(Partitioner.Create(0, rows.Length, Math.Max(256, rows.Length / (Environment.ProcessorCount * 8))), range =>
        {
            var local = 0;
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var nearest = Nearest(centroids, k, dimensions, Row(data.Span, rows[i], dimensions));
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

    /// <summary>The centroid with the largest dot product with <paramref name="vector"/>; ties go to the lower index.</summary>
    public static int Nearest(ReadOnlySpan<float> centroids, int k, int dimensions, ReadOnlySpan<float> vector)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < k; c++)
        {
            var score = TensorPrimitives.Dot(vector, centroids.Slice(c * dimensions, dimensions));
            if (score > bestScore)
            {
                best = c;
                bestScore = score;
            }
        }
        return best;
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

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> data, int row, int dimensions) => data.Slice(row * dimensions, dimensions);
}
