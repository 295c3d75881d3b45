using DataType = Onnx.TensorProto.Types.DataType;

namespace Shoebox.Models.Synth;

/// <summary>
/// CLIP's text transformer: input_ids [B,77] -> text_embeds [B,D], projected but not normalised. Causal attention
/// and pooling at the first end-of-text token (the largest id) make whatever follows it, 0 or 49407, irrelevant.
/// </summary>
internal static class TextTower
{
    private const string Prefix = "text_model";

    public static GraphBuilder Build(ClipPreset preset)
    {
        var shape = preset.Text;
        var width = shape.Width;
        const int context = ClipPreset.ContextLength;
        var graph = new GraphBuilder("clip_text") { Scope = $"{Prefix}.embeddings" };
        var layers = new TransformerLayers(graph, Prefix, shape);

        var ids = graph.Input("input_ids", DataType.Int64, "batch_size", context);

        var tokenTable = graph.Random($"{Prefix}.embeddings.token_embedding.weight", [ClipPreset.VocabSize, width], 0.02f);
        var positions = graph.Random($"{Prefix}.embeddings.position_embedding.weight", [context, width], 0.01f);
        var embedded = graph.Node("Add", [graph.Node("Gather", [tokenTable, ids], OnnxAttributes.Int("axis", 0)), positions]);

        var hidden = layers.Encoder(embedded, CausalMask(graph));

        // ArgMax keeps the first maximum, i.e. the first 49407, even when padding repeats it.
        graph.Scope = $"{Prefix}.head";
        var eos = graph.Node("ArgMax", [ids], OnnxAttributes.Int("axis", 1), OnnxAttributes.Int("keepdims", 1));
        var pooled = graph.Node("GatherND", [hidden, eos], OnnxAttributes.Int("batch_dims", 1));
        // Layer norm works per position, so normalising only the pooled one equals normalising all, then picking.
        var normed = layers.LayerNorm(pooled, $"{Prefix}.final_layer_norm");
        var embeds = layers.Linear(normed, "text_projection", width, preset.EmbedDim, MathF.Pow(width, -0.5f), bias: false);
        graph.Output(embeds, "text_embeds", DataType.Float, "batch_size", preset.EmbedDim);
        return graph;
    }

    /// <summary>Added to attention scores: 0 where a token may look (itself and earlier), float.MinValue later.</summary>
    private static string CausalMask(GraphBuilder graph)
    {
        const int context = ClipPreset.ContextLength;
        var mask = new float[context * context];
        for (var row = 0; row < context; row++)
        {
            mask.AsSpan((row * context) + row + 1, context - row - 1).Fill(float.MinValue);
        }
        return graph.Floats($"{Prefix}.causal_mask", [context, context], mask);
    }
}
