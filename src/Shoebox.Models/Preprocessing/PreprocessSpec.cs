using System.Collections.ObjectModel;

namespace Shoebox.Models.Preprocessing;

public enum ResizeMode
{
    /// <summary>Scale so the shorter side is <see cref="PreprocessSpec.Size"/>, then cut the centre square (CLIP).</summary>
    ShortestSideCenterCrop,

    /// <summary>Scale each side to <see cref="PreprocessSpec.Size"/> independently, distorting the aspect (SigLIP).</summary>
    Squash,
}

/// <summary>Pillow's resampling filters, which the Hugging Face processors resize with.</summary>
public enum Interpolation
{
    Bicubic,
    Bilinear,
}

/// <summary>
/// How one model wants its pixels: a square of <see cref="Size"/>, reached by <see cref="Mode"/>, then
/// (x / 255 - mean) / std per channel, laid out as planar RGB (CHW).
/// </summary>
public sealed record PreprocessSpec
{
    // How much larger than the model's input the decoder should deliver. libvips' shrink-on-load and resize are
    // not Pillow's filter, so Pillow's filter must do a good part of the reduction itself: at 3x the mean
    // difference from Pillow-from-full-resolution stays under 0.005 on every photo measured (2x does not; 4x is
    // no better). Only decoding at full size is exact, at several times the cost. Figures in
    // ImagePreprocessorReferenceTests.
    private const int DecodeFactor = 3;

    public PreprocessSpec(int size, ResizeMode mode, Interpolation interpolation, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        Mode = mode;
        Interpolation = interpolation;
        Mean = RgbTriple(mean, nameof(mean));
        Std = RgbTriple(std, nameof(std));
        foreach (var s in Std)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(s, 0f, nameof(std));
        }
    }

    // The constants go through double on purpose: the processors hold them as Python floats (doubles) and
    // NumPy rounds those to float32, which is not always the float nearest the decimal written here.
    public static PreprocessSpec Clip { get; } = new(
        224,
        ResizeMode.ShortestSideCenterCrop,
        Interpolation.Bicubic,
        [(float)0.48145466, (float)0.4578275, (float)0.40821073],
        [(float)0.26862954, (float)0.26130258, (float)0.27577711]);

    public static PreprocessSpec Siglip { get; } = new(
        224,
        ResizeMode.Squash,
        Interpolation.Bicubic,
        [0.5f, 0.5f, 0.5f],
        [0.5f, 0.5f, 0.5f]);

    public int Size { get; }

    public ResizeMode Mode { get; }

    public Interpolation Interpolation { get; }

    public IReadOnlyList<float> Mean { get; }

    public IReadOnlyList<float> Std { get; }

    /// <summary>The shorter side to ask the decoder for (<c>Fit.Cover</c>) before <see cref="ImagePreprocessor"/>.</summary>
    public int DecodeSize => Size * DecodeFactor;

    /// <summary>Floats one image takes: 3 x <see cref="Size"/> x <see cref="Size"/>.</summary>
    public int TensorLength => 3 * Size * Size;

    public bool Equals(PreprocessSpec? other) =>
        other is not null
        && Size == other.Size
        && Mode == other.Mode
        && Interpolation == other.Interpolation
        && Mean.SequenceEqual(other.Mean)
        && Std.SequenceEqual(other.Std);

    public override int GetHashCode() => HashCode.Combine(Size, Mode, Interpolation, Mean[0], Mean[1], Mean[2], Std[0], Std[1]);

    private static ReadOnlyCollection<float> RgbTriple(IReadOnlyList<float> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != 3)
        {
            throw new ArgumentException($"needs one value per RGB channel, got {values.Count}", name);
        }
        float[] triple = [values[0], values[1], values[2]];
        return Array.AsReadOnly(triple);
    }
}
