using System.Numerics;
using Shoebox.Core;

namespace Shoebox.Imaging;

/// <summary>
/// pHash: grey levels shrunk to 32 x 32, a 2-D DCT, the 8 x 8 lowest frequencies (DC included) compared with their
/// median. Re-saving, resizing or converting an image moves few of the 64 bits; a different picture moves about half.
/// </summary>
public static class PerceptualHash
{
    private const int Side = 32;
    private const int Kept = 8;

    // cos((2x + 1) u pi / 2N) for the kept frequencies u: the DCT needs no more.
    private static readonly double[,] Cosines = BuildCosines();

    public const int GreySide = Side;

    public static ulong Compute(RgbImage image) => FromGrey(Grey(image));

    /// <summary>
    /// The image (or its middle <paramref name="fraction"/>) as 32 x 32 grey levels, row after row: what the hash
    /// is made from, kept for finer comparisons.
    /// </summary>
    public static byte[] Grey(RgbImage image, double fraction = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shrunk = Shrink(image, fraction);
        var grey = new byte[Side * Side];
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                grey[y * Side + x] = (byte)Math.Clamp(Math.Round(shrunk[y, x]), 0, 255);
            }
        }
        return grey;
    }

    public static ulong FromGrey(byte[] grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (grey.Length != Side * Side)
        {
            throw new ArgumentException($"expected {Side * Side} grey levels, got {grey.Length}", nameof(grey));
        }
        // Rows first, then columns, keeping only the low frequencies of each pass.
        var rows = new double[Side, Kept];
        for (var y = 0; y < Side; y++)
        {
            for (var u = 0; u < Kept; u++)
            {
                double sum = 0;
                for (var x = 0; x < Side; x++)
                {
                    sum += grey[y * Side + x] * Cosines[u, x];
                }
                rows[y, u] = sum;
            }
        }
        var coefficients = new double[Kept * Kept];
        for (var v = 0; v < Kept; v++)
        {
            for (var u = 0; u < Kept; u++)
            {
                double sum = 0;
                for (var y = 0; y < Side; y++)
                {
                    sum += rows[y, u] * Cosines[v, y];
                }
                coefficients[v * Kept + u] = sum;
            }
        }
        var sorted = (double[])coefficients.Clone();
        Array.Sort(sorted);
        var median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] > median)
            {
                hash |= 1UL << i;
            }
        }
        return hash;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>Luma (ITU-R 601, as image libraries use for grey) averaged over 32 x 32 equal cells, aspect ignored.</summary>
    private static double[,] Shrink(RgbImage image, double fraction)
    {
        // Luma times 1000 summed as integers (exact); each column's cell looked up once, not divided per pixel.
        var sums = new long[Side * Side];
        var counts = new int[Side * Side];
        var pixels = image.Pixels;
        var left = (int)Math.Round(image.Width * (1 - fraction) / 2);
        var top = (int)Math.Round(image.Height * (1 - fraction) / 2);
        var (width, height) = (Math.Max(1, image.Width - 2 * left), Math.Max(1, image.Height - 2 * top));
        var stride = image.Width;
        var cellOf = new int[width];
        for (var x = 0; x < width; x++)
        {
            cellOf[x] = x * Side / width;
        }
        // Every pixel counts: sampling would alias, and a half-size copy would then look different.
        for (var y = 0; y < height; y++)
        {
            var cellRow = y * Side / height * Side;
            var row = pixels.AsSpan(((y + top) * stride + left) * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                sums[cellRow + cellOf[x]] += (row[3 * x] * 299) + (row[(3 * x) + 1] * 587) + (row[(3 * x) + 2] * 114);
                counts[cellRow + cellOf[x]]++;
            }
        }
        var grey = new double[Side, Side];
        for (var cy = 0; cy < Side; cy++)
        {
            for (var cx = 0; cx < Side; cx++)
            {
                if (counts[(cy * Side) + cx] > 0) // a cell of an image smaller than 32 px takes its nearest pixel
                {
                    grey[cy, cx] = sums[(cy * Side) + cx] / 1000.0 / counts[(cy * Side) + cx];
                }
                else
                {
                    var x = Math.Min(width - 1, (2 * cx + 1) * width / (2 * Side));
                    var y = Math.Min(height - 1, (2 * cy + 1) * height / (2 * Side));
                    var at = ((y + top) * stride + x + left) * 3;
                    grey[cy, cx] = (pixels[at] * 299 + pixels[at + 1] * 587 + pixels[at + 2] * 114) / 1000.0;
                }
            }
        }
        return grey;
    }

    private static double[,] BuildCosines()
    {
        var table = new double[Kept, Side];
        for (var u = 0; u < Kept; u++)
        {
            for (var x = 0; x < Side; x++)
            {
                table[u, x] = Math.Cos((2 * x + 1) * u * Math.PI / (2 * Side));
            }
        }
        return table;
    }
}
