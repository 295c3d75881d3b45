using System.Numerics.Tensors;
using Shoebox.Imaging;

namespace Shoebox.Search.Duplicates;

/// <summary>How two photos matched: <see cref="Cropped"/> when one is the other's centre.</summary>
public sealed record PairMatch(bool Cropped);

/// <summary>
/// When two photos count as the same picture: their pHashes are close (re-saves, resizes and conversions move few
/// bits), and so are their grey levels, which a template with other words fails although it shares most hash
/// bits. A copy cropped to its centre matches the original's centre. With a model's vectors the pair must also
/// look alike to the model. Text read in them is a guard of its own (<see cref="TextGuard"/>).
/// </summary>
public sealed record DuplicateRules
{
    /// <summary>The most pHash bits (of 64) two duplicates may differ in.</summary>
    public int MaxHashDistance { get; init; } = 10;

    /// <summary>The largest grey-level difference (0-255, at 32 x 32, see <see cref="GreyPrint.Difference"/>) two duplicates may have.</summary>
    public int MaxGreyDifference { get; init; } = 20;

    /// <summary>
    /// With vectors, the least cosine similarity a match must also have: a guard against a hash match between two
    /// pictures the model sees as unrelated, not a test of sameness (the hashes, grey levels and text are). Centred
    /// ResNet-18 vectors put a crop of a meme as low as 0.48 from its original; at 0.9 the memes' pair recall fell
    /// to 0.775, at 0.5 it is 0.984 with the same precision as without vectors (bench duplicates --cosine).
    /// </summary>
    public double MinCosine { get; init; } = 0.5;

    /// <summary>How the pair matched, or null when it is not a pair of duplicates.</summary>
    public PairMatch? Match(GreyPrint a, GreyPrint b, float[]? vectorA, float[]? vectorB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        bool cropped;
        if (Close(a.Hash, a.Grey, b.Hash, b.Grey))
        {
            cropped = false;
        }
        else if (Close(a.CentreHash, a.CentreGrey, b.Hash, b.Grey) || Close(a.Hash, a.Grey, b.CentreHash, b.CentreGrey))
        {
            cropped = true;
        }
        else
        {
            return null;
        }
        if (vectorA is null || vectorB is null)
        {
            return new PairMatch(cropped);
        }
        return Cosine(vectorA, vectorB) >= MinCosine ? new PairMatch(cropped) : null;
    }

    private bool Close(ulong hashA, byte[] greyA, ulong hashB, byte[] greyB) =>
        PerceptualHash.Distance(hashA, hashB) <= MaxHashDistance && GreyPrint.Difference(greyA, greyB) <= MaxGreyDifference;

    public static double Cosine(float[] a, float[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Length == b.Length ? TensorPrimitives.CosineSimilarity(a, b) : 0;
    }
}
