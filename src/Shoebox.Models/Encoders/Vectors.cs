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

    /// <summary>The unit vector less <paramref name="centre"/>, made unit length again (see ModelDescriptor.Centre).</summary>
    public static float[] Centred(ReadOnlySpan<float> unit, ReadOnlySpan<float> centre)
    {
        if (unit.Length != centre.Length)
        {
            throw new ArgumentException($"The vector has {unit.Length} dimensions, the centre {centre.Length}.", nameof(centre));
        }
        var difference = new float[unit.Length];
        TensorPrimitives.Subtract(unit, centre, difference);
        return Normalised(difference);
    }

    /// <summary>Cosine similarity of two unit vectors.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
