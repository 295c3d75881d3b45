namespace Shoebox.Models.Preprocessing;

/// <summary>
/// Filter taps for resizing one axis the way Pillow's Image.resize does (libImaging/Resample.c), so the tensors
/// match what the models were trained and evaluated on. Only a window of the output positions is kept, which is
/// all a centre crop needs: each output position's taps depend on nothing but its own index.
/// </summary>
internal sealed class ResampleAxis
{
    // Pillow's fixed point for 8-bit images: 22 fraction bits, leaving 2 bits of headroom for kernels whose
    // negative lobes push a partial sum above 255 or below 0 before clamping.
    public const int PrecisionBits = 22;

    public const int Half = 1 << (PrecisionBits - 1);

    private ResampleAxis(int[] starts, int[] counts, int[] weights, int stride)
    {
        Starts = starts;
        Counts = counts;
        Weights = weights;
        Stride = stride;
    }

    /// <summary>First source index each kept output reads.</summary>
    public int[] Starts { get; }

    /// <summary>How many consecutive source indices each kept output reads.</summary>
    public int[] Counts { get; }

    /// <summary>Fixed-point weights, <see cref="Stride"/> slots per output, the first <see cref="Counts"/> used.</summary>
    public int[] Weights { get; }

    public int Stride { get; }

    public int Length => Starts.Length;

    /// <summary>The source range all kept outputs read together (the taps slide forward with the output index).</summary>
    public (int First, int End) SourceRange => (Starts[0], Starts[^1] + Counts[^1]);

    public ReadOnlySpan<int> TapsOf(int output) => Weights.AsSpan(output * Stride, Counts[output]);

    /// <summary>
    /// Taps for scaling <paramref name="sourceLength"/> to <paramref name="targetLength"/>, keeping outputs
    /// <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/>.
    /// </summary>
    public static ResampleAxis Create(int sourceLength, int targetLength, int first, int count, Interpolation interpolation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, targetLength);

        var (filter, filterSupport) = interpolation switch
        {
            Interpolation.Bicubic => ((Func<double, double>)Bicubic, 2.0),
            Interpolation.Bilinear => (Bilinear, 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, null),
        };

        // When shrinking, the kernel is stretched by the scale so that every source pixel contributes (antialiasing);
        // when enlarging it keeps its natural width.
        var scale = (double)sourceLength / targetLength;
        var filterScale = Math.Max(scale, 1.0);
        var support = filterSupport * filterScale;
        // A reciprocal, then multiplications, like Pillow: dividing instead can differ in the last bit.
        var inverseScale = 1.0 / filterScale;
        var stride = (int)Math.Ceiling(support) * 2 + 1;

        var starts = new int[count];
        var counts = new int[count];
        var weights = new int[count * stride];
        Span<double> taps = stackalloc double[stride];
        for (var i = 0; i < count; i++)
        {
            var center = (first + i + 0.5) * scale;
            // Pillow truncates toward zero here (a C cast), then clamps to the image.
            var start = Math.Max((int)(center - support + 0.5), 0);
            var end = Math.Min((int)(center + support + 0.5), sourceLength);
            var n = end - start;

            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                taps[k] = filter((start + k - center + 0.5) * inverseScale);
                sum += taps[k];
            }
            for (var k = 0; k < n; k++)
            {
                var w = sum != 0.0 ? taps[k] / sum : taps[k];
                weights[i * stride + k] = ToFixedPoint(w);
            }
            starts[i] = start;
            counts[i] = n;
        }
        return new ResampleAxis(starts, counts, weights, stride);
    }

    /// <summary>Pillow's clip8: drop the fraction, clamp to a byte.</summary>
    public static byte Clamp(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    // Rounds half away from zero, as normalize_coeffs_8bpc does.
    private static int ToFixedPoint(double weight) =>
        (int)(weight < 0 ? -0.5 + weight * (1 << PrecisionBits) : 0.5 + weight * (1 << PrecisionBits));

    // Keys' cubic convolution with a = -0.5 (Pillow's BICUBIC).
    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0)
        {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    private static double Bilinear(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }
}
