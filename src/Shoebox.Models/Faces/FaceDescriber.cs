using Microsoft.Extensions.Logging;
using Shoebox.Core;
using Shoebox.Models.Ocr;

namespace Shoebox.Models.Faces;

/// <summary>
/// Describes aligned face chips as 128 numbers, with dlib's face recognition network: two chips of the same person
/// lie within <see cref="SamePersonDistance"/> of each other (Euclidean), other people's farther. The descriptors
/// are the network's own output, not normalised, so that dlib's threshold applies as it is.
/// A chip holds the face upright and centred, framed the same way every time: the descriptor follows the framing
/// (on the package's demo faces, a box a tenth larger and shifted by a twenty-fifth moved it by 0.18 to 0.35).
/// Safe to call from several threads (one model run at a time).
/// </summary>
public sealed class FaceDescriber : IDisposable
{
    /// <summary>The side of a chip in pixels: chips are square.</summary>
    public const int ChipSize = 150;

    /// <summary>Numbers in a descriptor.</summary>
    public const int Length = 128;

    /// <summary>
    /// The Euclidean distance (<see cref="Distance"/>) below which dlib calls two descriptors the same person:
    /// 0.6, at which its model scores 99.38% on the LFW benchmark.
    /// </summary>
    public const float SamePersonDistance = 0.6f;

    // What the network was trained to see: the mean colour taken off, then divided by 255 (as face-api does).
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly OnnxRunner _model;

    public FaceDescriber(FaceDescriberModels models, int threads = 0, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _model = new OnnxRunner(models.Describer, threads, logger);
    }

    /// <summary>The execution provider the network runs on.</summary>
    public string Provider => _model.Provider;

    /// <summary>The descriptor of one chip: <see cref="ChipSize"/> x <see cref="ChipSize"/> RGB, the face upright and centred.</summary>
    public float[] Describe(RgbImage chip) => Describe([chip])[0];

    /// <summary>The descriptors of several chips, run as one batch, in their order.</summary>
    public float[][] Describe(IReadOnlyList<RgbImage> chips)
    {
        ArgumentNullException.ThrowIfNull(chips);
        if (chips.Count == 0)
        {
            return [];
        }
        var pixels = new float[chips.Count * ChipSize * ChipSize * 3];
        for (var n = 0; n < chips.Count; n++)
        {
            var chip = chips[n];
            if (chip.Width != ChipSize || chip.Height != ChipSize)
            {
                throw new ArgumentException($"A face chip is {ChipSize} x {ChipSize} pixels; chip {n} is {chip.Width} x {chip.Height}.", nameof(chips));
            }
            var target = pixels.AsSpan(n * ChipSize * ChipSize * 3);
            for (var i = 0; i < ChipSize * ChipSize * 3; i++)
            {
                target[i] = chip.Pixels[i];
            }
        }
        return DescribePixels(pixels);
    }

    /// <summary>
    /// The descriptors of chips given as numbers rather than bytes (a chip resampled and not rounded): RGB from 0 to
    /// 255, interleaved, row after row, one chip after the other.
    /// </summary>
    public float[][] DescribePixels(ReadOnlySpan<float> rgb)
    {
        const int chipValues = ChipSize * ChipSize * 3;
        if (rgb.Length == 0)
        {
            return [];
        }
        if (rgb.Length % chipValues != 0)
        {
            throw new ArgumentException($"Chips are {chipValues} numbers each; got {rgb.Length}.", nameof(rgb));
        }
        var count = rgb.Length / chipValues;
        var input = new float[rgb.Length];
        const int plane = ChipSize * ChipSize;
        for (var n = 0; n < count; n++)
        {
            var chip = rgb.Slice(n * chipValues, chipValues);
            var planes = input.AsSpan(n * chipValues, chipValues);
            for (var i = 0; i < plane; i++)
            {
                for (var c = 0; c < 3; c++)
                {
                    planes[c * plane + i] = (chip[i * 3 + c] - MeanRgb[c]) / 255f;
                }
            }
        }
        var (values, _) = _model.Run(input, [count, 3, ChipSize, ChipSize]);
        return [.. Enumerable.Range(0, count).Select(n => values.AsSpan(n * Length, Length).ToArray())];
    }

    /// <summary>The Euclidean distance between two descriptors, the measure <see cref="SamePersonDistance"/> is in.</summary>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Descriptors of {a.Length} and {b.Length} numbers cannot be compared.", nameof(b));
        }
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }
        return (float)Math.Sqrt(sum);
    }

    public void Dispose() => _model.Dispose();
}
