using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Synth;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Synth;

/// <summary>The tiny preset written once per test class, with both towers open.</summary>
public sealed class TinyClip : IDisposable
{
    public const int Seed = 1;
    public const int Side = 224;
    public const long Eos = 49407;

    private readonly TempFolder _folder = new();

    public TinyClip()
    {
        SyntheticModels.Write("tiny", _folder.Path, Seed);
        Vision = new InferenceSession(Path.Combine(Folder, SyntheticModels.VisionModelPath));
        Text = new InferenceSession(Path.Combine(Folder, SyntheticModels.TextModelPath));
    }

    public string Folder => _folder.Path;

    public int Dimensions { get; } = SyntheticModels.EmbeddingDimensions("tiny");

    public InferenceSession Vision { get; }

    public InferenceSession Text { get; }

    /// <summary>Pixel values for <paramref name="batch"/> images, roughly in CLIP's normalised range.</summary>
    public static float[] Pixels(int batch, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[batch * 3 * Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)((random.NextDouble() * 4) - 2);
        }
        return pixels;
    }

    /// <summary>One row of 77 ids: BOS, the given tokens, EOS, then <paramref name="padding"/>.</summary>
    public static long[] Ids(long padding, params long[] tokens)
    {
        var ids = Enumerable.Repeat(padding, 77).ToArray();
        ids[0] = 49406;
        tokens.CopyTo(ids, 1);
        ids[tokens.Length + 1] = Eos;
        return ids;
    }

    public static float[][] RunVision(InferenceSession session, float[] pixels, int batch) =>
        Run(session, "pixel_values", OrtValue.CreateTensorValueFromMemory(pixels, [batch, 3, Side, Side]), "image_embeds");

    public static float[][] RunText(InferenceSession session, params long[][] rows) =>
        Run(session, "input_ids", OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), [rows.Length, 77]), "text_embeds");

    private static float[][] Run(InferenceSession session, string inputName, OrtValue input, string outputName)
    {
        using (input)
        using (var runOptions = new RunOptions())
        using (var outputs = session.Run(runOptions, [inputName], [input], [outputName]))
        {
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            Assert.Equal(2, shape.Length);
            var values = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            return values.Chunk((int)shape[1]).ToArray();
        }
    }

    public void Dispose()
    {
        Vision.Dispose();
        Text.Dispose();
        _folder.Dispose();
    }
}
