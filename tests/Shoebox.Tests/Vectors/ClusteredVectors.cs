namespace Shoebox.Tests.Vectors;

/// <summary>Unit vectors around a few random centres: data with neighbourhoods, on which an approximate index must do well.</summary>
internal static class ClusteredVectors
{
    public static (long[] Ids, float[] Rows) Many(Random random, int count, int dimensions, int clusters = 40, float spread = 0.35f)
    {
        var centres = Enumerable.Range(0, clusters).Select(_ => RandomVectors.Unit(random, dimensions)).ToArray();
        var ids = new long[count];
        var rows = new float[count * dimensions];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (i * 7L) + 3;
            Near(random, centres[random.Next(clusters)], spread).CopyTo(rows.AsSpan(i * dimensions));
        }
        return (ids, rows);
    }

    /// <summary><paramref name="centre"/> plus a random offset of about <paramref name="spread"/>, renormalised, in float16 values.</summary>
    public static float[] Near(Random random, float[] centre, float spread)
    {
        var offset = RandomVectors.Unit(random, centre.Length);
        var vector = centre.Zip(offset, (c, o) => c + (spread * o)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => (float)(Half)(v / norm))];
    }

    public static Dictionary<long, float[]> AsDictionary(long[] ids, float[] rows, int dimensions) =>
        ids.Select((id, i) => (id, rows.AsSpan(i * dimensions, dimensions).ToArray())).ToDictionary(pair => pair.id, pair => pair.Item2);
}
