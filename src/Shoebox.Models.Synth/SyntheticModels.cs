namespace Shoebox.Models.Synth;

/// <summary>
/// Writes randomly initialised CLIP models with the exact files and tensor interface of the Hugging Face
/// Xenova/clip-vit-base-patch32 export, so the whole pipeline can be tested and benchmarked without downloads.
/// The vectors mean nothing; shapes, cost and determinism are real.
/// </summary>
public static class SyntheticModels
{
    public const string VisionModelPath = "onnx/vision_model.onnx";
    public const string TextModelPath = "onnx/text_model.onnx";

    /// <summary>"tiny" (a few MB, for tests) and "vit-b32" (ViT-B/32's real shapes, for benchmarks).</summary>
    public static IReadOnlyList<string> Presets { get; } = [.. ClipPreset.All.Select(p => p.Name)];

    /// <summary>Embedding size of a preset's image_embeds and text_embeds.</summary>
    public static int EmbeddingDimensions(string preset) => ClipPreset.Named(preset).EmbedDim;

    /// <summary>
    /// Writes onnx/vision_model.onnx, onnx/text_model.onnx, config.json and preprocessor_config.json under
    /// <paramref name="outDirectory"/>. The same preset and seed always give byte-identical files.
    /// </summary>
    public static void Write(string preset, string outDirectory, int seed = 1)
    {
        var shapes = ClipPreset.Named(preset);
        Directory.CreateDirectory(Path.Combine(outDirectory, "onnx"));
        StreamingModelWriter.Write(Path.Combine(outDirectory, VisionModelPath), VisionTower.Build(shapes), seed);
        StreamingModelWriter.Write(Path.Combine(outDirectory, TextModelPath), TextTower.Build(shapes), seed);
        HuggingFaceConfig.Write(shapes, outDirectory, seed);
    }
}
