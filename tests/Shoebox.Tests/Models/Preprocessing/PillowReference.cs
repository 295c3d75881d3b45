using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using Shoebox.Models.Preprocessing;

namespace Shoebox.Tests.Models.Preprocessing;

/// <summary>
/// The committed fixtures: input images and the tensors Pillow + NumPy made from them the way the Hugging Face
/// processors do (tools/preprocess_reference.py).
/// </summary>
internal static class PillowReference
{
    public static readonly string[] Pngs = ["landscape.png", "portrait.png", "panorama.png", "square.png", "small.png"];

    public const string Jpeg = "photo.jpg";

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Models", "Preprocessing", "Fixtures");

    public static string PathOf(string image) => Path.Combine(Folder, image);

    public static PreprocessSpec Spec(string name) => name switch
    {
        "clip" => PreprocessSpec.Clip,
        "siglip" => PreprocessSpec.Siglip,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static float[] Tensor(string image, string spec)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(PathOf("reference.json")));
        var entry = manifest.RootElement.GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("image").GetString() == image && e.GetProperty("spec").GetString() == spec);
        var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var length = shape.Aggregate(1, (a, b) => a * b);

        using var file = File.OpenRead(PathOf(entry.GetProperty("tensor").GetString()!));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var bytes = new byte[length * sizeof(float)];
        gzip.ReadExactly(bytes);
        Assert.Equal(0, gzip.Read(new byte[1]));
        // Written little-endian; so is every machine .NET runs these tests on.
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    public static Difference Compare(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double sum = 0, max = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var d = Math.Abs((double)actual[i] - expected[i]);
            sum += d;
            max = Math.Max(max, d);
        }
        return new Difference(sum / actual.Length, max);
    }
}

/// <summary>Absolute differences in normalised units (one 8-bit step is about 0.015 for CLIP, 0.008 for SigLIP).</summary>
internal readonly record struct Difference(double Mean, double Max)
{
    public const double MeanTarget = 0.005;
    public const double MaxTarget = 0.05;

    public bool MeetsTarget => Mean <= MeanTarget && Max <= MaxTarget;

    public override string ToString() => $"mean {Mean:0.00000} max {Max:0.00000}";
}
