using DataType = Onnx.TensorProto.Types.DataType;

namespace Shoebox.Models.Synth;

/// <summary>CLIP's ViT: pixel_values [B,3,S,S] -> image_embeds [B,D], projected but not normalised.</summary>
internal static class VisionTower
{
    private const string Prefix = "vision_model";

    public static GraphBuilder Build(ClipPreset preset)
    {
        var shape = preset.Vision;
        var width = shape.Width;
        var graph = new GraphBuilder("clip_vision") { Scope = $"{Prefix}.embeddings" };
        var layers = new TransformerLayers(graph, Prefix, shape);
        var embedStd = MathF.Pow(width, -0.5f);

        var pixels = graph.Input("pixel_values", DataType.Float, "batch_size", 3, preset.ImageSize, preset.ImageSize);

        // A convolution with kernel = stride = patch cuts the image into patches and embeds each one.
        var patchWeight = graph.Random($"{Prefix}.embeddings.patch_embedding.weight", [width, 3, preset.PatchSize, preset.PatchSize], 0.02f);
        var grid = graph.Node("Conv", [pixels, patchWeight],
            OnnxAttributes.Ints("kernel_shape", preset.PatchSize, preset.PatchSize),
            OnnxAttributes.Ints("strides", preset.PatchSize, preset.PatchSize));
        var flat = graph.Node("Reshape", [grid, graph.Int64s($"{Prefix}.embeddings.flatten_shape", 0, width, -1)]);
        var patches = graph.Node("Transpose", [flat], OnnxAttributes.Ints("perm", 0, 2, 1));

        // The class token is one learned row; broadcast it to [B, 1, W] by expanding against [B, 1, 1].
        var classToken = graph.Random($"{Prefix}.embeddings.class_embedding", [1, 1, width], embedStd);
        var batch = graph.Node("Shape", [pixels], OnnxAttributes.Int("start", 0), OnnxAttributes.Int("end", 1));
        var expandShape = graph.Node("Concat", [batch, graph.Int64s($"{Prefix}.embeddings.class_expand_tail", 1, 1)], OnnxAttributes.Int("axis", 0));
        var classTokens = graph.Node("Expand", [classToken, expandShape]);
        var tokens = graph.Node("Concat", [classTokens, patches], OnnxAttributes.Int("axis", 1));

        var positions = graph.Random($"{Prefix}.embeddings.position_embedding.weight", [preset.VisionTokens, width], embedStd);
        var embedded = graph.Node("Add", [tokens, positions]);

        var hidden = layers.Encoder(layers.LayerNorm(embedded, $"{Prefix}.pre_layrnorm"), attentionMask: null);

        graph.Scope = $"{Prefix}.head";
        var pooled = graph.Node("Gather", [hidden, graph.Int64Scalar($"{Prefix}.class_index", 0)], OnnxAttributes.Int("axis", 1));
        var normed = layers.LayerNorm(pooled, $"{Prefix}.post_layernorm");
        var embeds = layers.Linear(normed, "visual_projection", width, preset.EmbedDim, embedStd, bias: false);
        graph.Output(embeds, "image_embeds", DataType.Float, "batch_size", preset.EmbedDim);
        return graph;
    }
}
