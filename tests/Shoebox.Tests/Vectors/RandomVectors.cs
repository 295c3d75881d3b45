namespace Shoebox.Tests.Vectors;

internal static class RandomVectors
{
    /// <summary>
    /// A random unit vector whose values are float16 values, as the catalog stores them: every index holds such a
    /// vector exactly (the graph keeps float16), so each can be held to the brute-force answer over the same values.
    /// </summary>
    public static float[] Unit(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        double norm = 0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            norm += vector[i] * vector[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(Half)(vector[i] * scale);
        }
        return vector;
    }

    /// <summary>What a vector scores against itself (about 1: its float16 values are not exactly unit length).</summary>
    public static float SelfScore(float[] vector) => System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector);

    public static Dictionary<long, float[]> Many(Random random, int count, int dimensions)
    {
        var vectors = new Dictionary<long, float[]>();
        while (vectors.Count < count)
        {
            vectors[random.NextInt64(1, 1_000_000_000)] = Unit(random, dimensions);
        }
        return vectors;
    }

    /// <summary>The reference: every vector scored in double precision, best first, ties by id.</summary>
    public static List<(long Id, double Score)> BruteForce(
        IReadOnlyDictionary<long, float[]> vectors, float[] query, int k, Func<long, bool>? filter = null) =>
        vectors
            .Where(pair => filter?.Invoke(pair.Key) ?? true)
            .Select(pair => (Id: pair.Key, Score: pair.Value.Zip(query, (a, b) => (double)a * b).Sum()))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Id)
            .Take(k)
            .ToList();
}
