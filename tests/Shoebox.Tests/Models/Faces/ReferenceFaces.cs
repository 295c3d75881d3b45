using System.Text.Json;
using Shoebox.Core;
using Shoebox.Models.Faces;

namespace Shoebox.Tests.Models.Faces;

/// <summary>
/// The descriptors @vladmandic/face-api itself gives the faces in its demo photos (tools/faces/make_face_reference.mjs
/// wrote them), and the chips they were made from, cut again here the same way.
/// </summary>
public static class ReferenceFaces
{
    public sealed record Face(string Photo, int X, int Y, int Side, float[] Descriptor);

    private sealed record File(Face[] Faces);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<Face> All { get; } = Load();

    private static Face[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "Faces", "Fixtures", "face-descriptors.json");
        var file = JsonSerializer.Deserialize<File>(System.IO.File.ReadAllBytes(path), JsonOptions);
        return file?.Faces ?? throw new InvalidOperationException($"{path} holds no faces.");
    }

    /// <summary>
    /// The square (x, y, side) of <paramref name="photo"/> resized to a chip as TensorFlow.js's resizeBilinear does
    /// without aligned corners or half-pixel centres: output cell i samples input position i * side / 150.
    /// </summary>
    public static float[] Chip(RgbImage photo, int x, int y, int side)
    {
        const int size = FaceDescriber.ChipSize;
        var chip = new float[size * size * 3];
        var ratio = (float)side / size;
        for (var row = 0; row < size; row++)
        {
            var (top, bottom, dy) = Neighbours(row * ratio, side);
            for (var column = 0; column < size; column++)
            {
                var (left, right, dx) = Neighbours(column * ratio, side);
                for (var c = 0; c < 3; c++)
                {
                    float At(int sy, int sx) => photo.Pixels[(((y + sy) * photo.Width) + x + sx) * 3 + c];
                    var upper = At(top, left) + ((At(top, right) - At(top, left)) * dx);
                    var lower = At(bottom, left) + ((At(bottom, right) - At(bottom, left)) * dx);
                    chip[((row * size) + column) * 3 + c] = upper + ((lower - upper) * dy);
                }
            }
        }
        return chip;
    }

    public static RgbImage Rounded(float[] chip) =>
        new(FaceDescriber.ChipSize, FaceDescriber.ChipSize, [.. chip.Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255))]);

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(aa * bb);
    }

    private static (int Low, int High, float Fraction) Neighbours(float position, int side)
    {
        var low = (int)MathF.Floor(position);
        return (low, Math.Min(side - 1, (int)MathF.Ceiling(position)), position - low);
    }
}
