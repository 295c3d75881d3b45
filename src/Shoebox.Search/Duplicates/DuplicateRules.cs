using System.Numerics.Tensors;
using Shoebox.Imaging;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// When two photos count as the same picture: their pHashes are close (re-saves, resizes and conversions move few
/// bits), and so are their grey levels, which a template with other words fails although it shares most hash
/// bits. A copy cropped to its centre matches the original's centre. With a model's vectors the pair must also
/// look alike to the model.
/// </summary>
public sealed record DuplicateRules
{
    /// <summary>The most pHash bits (of 64) two duplicates may differ in.</summary>
    public int MaxHashDistance { get; init; } = 10;

    /// <summary>The largest grey-level difference (0-255, at 32 x 32, see <see cref="GreyPrint.Difference"/>) two duplicates may have.</summary>
    public int MaxGreyDifference { get; init; } = 20;

    /// <summary>With vectors, the least cosine similarity a match must also have.</summary>
    public double MinCosine { get; init; } = 0.9;

    /// <summary>Why the pair is a duplicate, or null when it is not.</summary>
    public string? Match(GreyPrint a, GreyPrint b, float[]? vectorA, float[]? vectorB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var reason = Close(a.Hash, a.Grey, b.Hash, b.Grey, "")
            ?? Close(a.CentreHash, a.CentreGrey, b.Hash, b.Grey, "one is the other's centre, ")
            ?? Close(a.Hash, a.Grey, b.CentreHash, b.CentreGrey, "one is the other's centre, ");
        if (reason is null)
        {
            return null;
        }
        if (vectorA is null || vectorB is null)
        {
            return reason;
        }
        var cosine = Cosine(vectorA, vectorB);
        return cosine >= MinCosine ? $"{reason}, similarity {cosine:0.000}" : null;
    }

    private string? Close(ulong hashA, byte[] greyA, ulong hashB, byte[] greyB, string how)
    {
        var distance = PerceptualHash.Distance(hashA, hashB);
        if (distance > MaxHashDistance)
        {
            return null;
        }
        var difference = GreyPrint.Difference(greyA, greyB);
        return difference <= MaxGreyDifference ? $"{how}pHash distance {distance}, grey difference {difference}" : null;
    }

    public static double Cosine(float[] a, float[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Length == b.Length ? TensorPrimitives.CosineSimilarity(a, b) : 0;
    }
}
