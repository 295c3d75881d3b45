using System.Numerics.Tensors;
using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>What every index demands of a vector before it stores or searches with it.</summary>
internal static class VectorCheck
{
    public static void Validate(ModelIdentity model, ReadOnlySpan<float> vector, string name)
    {
        if (vector.Length != model.Dimensions)
        {
            throw new ArgumentException($"{model.Key} vectors have {model.Dimensions} dimensions, not {vector.Length}.", name);
        }
        // One NaN would make every score it touches NaN, which sorts below everything and hides the photo for good.
        if (!TensorPrimitives.IsFiniteAll(vector))
        {
            throw new ArgumentException("The vector has values that are not finite.", name);
        }
    }
}
