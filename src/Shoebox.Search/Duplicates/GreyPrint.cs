using Shoebox.Imaging;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// A photo's 32 x 32 grey levels and pHash, with the same for its centre (90%): a copy cropped to its centre
/// compares with the centre of the original.
/// </summary>
public sealed class GreyPrint
{
    public GreyPrint(ulong hash, byte[] grey, byte[] centreGrey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(centreGrey);
        Hash = hash;
        Grey = grey;
        CentreGrey = centreGrey;
        CentreHash = PerceptualHash.FromGrey(centreGrey);
    }

    public ulong Hash { get; }

    public byte[] Grey { get; }

    public ulong CentreHash { get; }

    public byte[] CentreGrey { get; }

    /// <summary>
    /// How far apart the grey levels (0-255) are where they differ most, ignoring the worst 1% of cells: a few
    /// levels for a re-saved copy, tens where words differ. Not the mean, which a short word would hardly move.
    /// </summary>
    public static int Difference(byte[] a, byte[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Span<int> counts = stackalloc int[256];
        for (var i = 0; i < a.Length; i++)
        {
            counts[Math.Abs(a[i] - b[i])]++;
        }
        var ignored = a.Length / 100;
        for (var level = 255; level > 0; level--)
        {
            ignored -= counts[level];
            if (ignored < 0)
            {
                return level;
            }
        }
        return 0;
    }
}
