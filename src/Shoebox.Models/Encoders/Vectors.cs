using System.Numerics.Tensors;

namespace Shoebox.Models.Encoders;

public static class Vectors
{
    /// <summary>Scales to unit length, so a dot product is the cosine similarity (the exports do not normalise).</summary>
    public static float[] Normalised(ReadOnlySpan<float> vector)
    {
        var result = vector.ToArray();
        var norm = TensorPrimitives.Norm(result);
        if (norm > 0)
        {
            TensorPrimitives.Divide(result, norm, result);
        }
        return result;
    }

    /// <summary>Cosine similarity of two unit vectors.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
