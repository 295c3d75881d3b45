using System.Numerics.Tensors;

namespace Shoebox.Search.Engine;

/// <summary>
/// One vector for everything a query asks for, so one index search answers it: the sum of the wanted directions
/// (words, an example image) minus a share of each unwanted word, renormalised.
/// </summary>
internal static class QueryVector
{
    /// <summary>
    /// How much of an unwanted word's direction is taken away. Text vectors of a model lie close together (cosine
    /// around 0.7-0.8 between unrelated words), so taking all of it away would leave mostly noise; half removes
    /// what is specific to the word and keeps the wanted meaning in front.
    /// </summary>
    public const float ExclusionWeight = 0.5f;

    public static float[]? Combine(IReadOnlyList<float[]> wanted, IReadOnlyList<float[]> unwanted)
    {
        if (wanted.Count == 0)
        {
            return null;
        }
        var sum = new float[wanted[0].Length];
        foreach (var vector in wanted)
        {
            TensorPrimitives.Add(sum, Normalised(vector), sum);
        }
        foreach (var vector in unwanted)
        {
            TensorPrimitives.MultiplyAdd(Normalised(vector), -ExclusionWeight, sum, sum);
        }
        return Normalised(sum);
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (!(norm > 1e-12f) || !float.IsFinite(norm))
        {
            // Opposite wanted and unwanted words can cancel out; any unit vector then ranks as well as another.
            var unit = new float[vector.Length];
            unit[0] = 1;
            return unit;
        }
        var result = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, result);
        return result;
    }
}
