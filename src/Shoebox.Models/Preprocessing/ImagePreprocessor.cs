using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Shoebox.Core;

namespace Shoebox.Models.Preprocessing;

/// <summary>
/// Turns decoded pixels into a model's input tensor exactly as the Hugging Face image processors do with Pillow:
/// a separable resize in 8-bit fixed point (columns first, rounded to bytes, then rows), the centre crop, then
/// (x / 255 - mean) / std in float32. Matching them bit for bit matters because the models were trained on those
/// pixels; a different filter shifts every vector a little.
/// </summary>
public static class ImagePreprocessor
{
    public static float[] Run(RgbImage image, PreprocessSpec spec, (int Width, int Height)? original = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tensor = new float[spec.TensorLength];
        Write(image, spec, tensor, original);
        return tensor;
    }

    /// <summary>
    /// Writes one image's planar RGB (3 x Size x Size) into <paramref name="chw"/>, e.g. a slice of a batch.
    /// <paramref name="original"/> is the image's size before the decoder shrank it, if it did: the processors
    /// size the resize from the full image and truncate, so the decoded size alone can be one pixel off.
    /// </summary>
    public static void Write(RgbImage image, PreprocessSpec spec, Span<float> chw, (int Width, int Height)? original = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(spec);
        if (chw.Length != spec.TensorLength)
        {
            throw new ArgumentException($"needs {spec.TensorLength} floats (3 x {spec.Size} x {spec.Size}), got {chw.Length}", nameof(chw));
        }
        var (originalWidth, originalHeight) = original ?? image.SourceSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(originalWidth, 1, nameof(original));
        ArgumentOutOfRangeException.ThrowIfLessThan(originalHeight, 1, nameof(original));

        var size = spec.Size;
        var (width, height) = ResizedSize(originalWidth, originalHeight, spec);
        // Floor division, as transformers' center_crop does; Squash leaves nothing to crop.
        var left = (width - size) / 2;
        var top = (height - size) / 2;
        var columns = ResampleAxis.Create(image.Width, width, left, size, spec.Interpolation);
        var rows = ResampleAxis.Create(image.Height, height, top, size, spec.Interpolation);

        var (firstRow, endRow) = rows.SourceRange;
        var rowBytes = size * 3;
        var between = ArrayPool<byte>.Shared.Rent((endRow - firstRow) * rowBytes);
        try
        {
            ResampleColumns(image, columns, firstRow, endRow, between);
            ResampleRows(between, firstRow, rows, spec, chw);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(between);
        }
    }

    /// <summary>The size the whole image is scaled to before any crop.</summary>
    internal static (int Width, int Height) ResizedSize(int width, int height, PreprocessSpec spec)
    {
        var size = spec.Size;
        if (spec.Mode == ResizeMode.Squash)
        {
            return (size, size);
        }
        // transformers' get_resize_output_image_size: int(size * long / short), truncated, in double precision.
        return width <= height
            ? (size, (int)((double)size * height / width))
            : ((int)((double)size * width / height), size);
    }

    // Horizontal pass over the source rows the vertical pass will read, rounded to bytes as Pillow's
    // intermediate image is. The hot loop: references instead of spans skip the bounds checks, which are
    // guaranteed by the axis (every start + count lies inside the row).
    private static void ResampleColumns(RgbImage image, ResampleAxis columns, int firstRow, int endRow, Span<byte> between)
    {
        var sourceStride = image.Width * 3;
        var targetStride = columns.Length * 3;
        ref var weights = ref MemoryMarshal.GetArrayDataReference(columns.Weights);
        for (var y = firstRow; y < endRow; y++)
        {
            ref var row = ref image.Pixels[y * sourceStride];
            var target = between.Slice((y - firstRow) * targetStride, targetStride);
            for (var x = 0; x < columns.Length; x++)
            {
                ref var pixel = ref Unsafe.Add(ref row, columns.Starts[x] * 3);
                ref var tap = ref Unsafe.Add(ref weights, x * columns.Stride);
                int r = ResampleAxis.Half, g = ResampleAxis.Half, b = ResampleAxis.Half;
                for (var k = columns.Counts[x]; k > 0; k--)
                {
                    var w = tap;
                    r += pixel * w;
                    g += Unsafe.Add(ref pixel, 1) * w;
                    b += Unsafe.Add(ref pixel, 2) * w;
                    pixel = ref Unsafe.Add(ref pixel, 3);
                    tap = ref Unsafe.Add(ref tap, 1);
                }
                target[3 * x] = ResampleAxis.Clamp(r);
                target[3 * x + 1] = ResampleAxis.Clamp(g);
                target[3 * x + 2] = ResampleAxis.Clamp(b);
            }
        }
    }

    // Vertical pass, a whole output row at a time (cache-friendly), then normalisation into the three planes.
    private static void ResampleRows(ReadOnlySpan<byte> between, int firstRow, ResampleAxis rows, PreprocessSpec spec, Span<float> chw)
    {
        var size = spec.Size;
        var rowBytes = size * 3;
        var plane = size * size;
        Span<float> lookup = stackalloc float[3 * 256];
        FillNormalisation(spec, lookup);

        var sums = ArrayPool<int>.Shared.Rent(rowBytes);
        try
        {
            var acc = sums.AsSpan(0, rowBytes);
            for (var y = 0; y < rows.Length; y++)
            {
                acc.Fill(ResampleAxis.Half);
                var taps = rows.TapsOf(y);
                var start = rows.Starts[y] - firstRow;
                for (var k = 0; k < taps.Length; k++)
                {
                    AddWeighted(between.Slice((start + k) * rowBytes, rowBytes), taps[k], acc);
                }
                var offset = y * size;
                for (var x = 0; x < size; x++)
                {
                    chw[offset + x] = lookup[ResampleAxis.Clamp(acc[3 * x])];
                    chw[plane + offset + x] = lookup[256 + ResampleAxis.Clamp(acc[3 * x + 1])];
                    chw[2 * plane + offset + x] = lookup[512 + ResampleAxis.Clamp(acc[3 * x + 2])];
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sums);
        }
    }

    // acc += line * weight, element by element; integer sums are exact, so the vector and scalar parts agree with
    // Pillow's one-at-a-time loop.
    private static void AddWeighted(ReadOnlySpan<byte> line, int weight, Span<int> acc)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<int>(weight);
            for (; i <= line.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(line[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var sums = MemoryMarshal.Cast<int, Vector<int>>(acc.Slice(i, Vector<byte>.Count));
                sums[0] += Vector.AsVectorInt32(a) * w;
                sums[1] += Vector.AsVectorInt32(b) * w;
                sums[2] += Vector.AsVectorInt32(c) * w;
                sums[3] += Vector.AsVectorInt32(d) * w;
            }
        }
        for (; i < line.Length; i++)
        {
            acc[i] += line[i] * weight;
        }
    }

    // Every byte value's normalised float per channel, computed the way NumPy does in the processors: x * (1/255)
    // in double, rounded to float32, then (x - mean) / std in float32. A table makes it exact and cheap.
    private static void FillNormalisation(PreprocessSpec spec, Span<float> lookup)
    {
        const double Rescale = 1.0 / 255;
        for (var c = 0; c < 3; c++)
        {
            var mean = spec.Mean[c];
            var std = spec.Std[c];
            for (var v = 0; v < 256; v++)
            {
                lookup[c * 256 + v] = ((float)(v * Rescale) - mean) / std;
            }
        }
    }
}
