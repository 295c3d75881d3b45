namespace Shoebox.Models.Synth;

/// <summary>
/// The pieces both CLIP towers share, written the way a PyTorch export of Hugging Face's CLIP lays them out
/// (separate q/k/v MatMul+Add, Reshape/Transpose into heads, Softmax), so ONNX Runtime sees familiar patterns.
/// Weight spreads follow CLIP's own initialisation, which keeps activations in range at any depth.
/// </summary>
internal sealed class TransformerLayers(GraphBuilder graph, string prefix, TowerShape shape)
{
    private const float LayerNormEpsilon = 1e-5f;

    private readonly float _attentionStd = MathF.Pow(shape.Width, -0.5f);
    private readonly float _outputStd = MathF.Pow(shape.Width, -0.5f) * MathF.Pow(2 * shape.Layers, -0.5f);
    private readonly float _fcStd = MathF.Pow(2 * shape.Width, -0.5f);

    public string Encoder(string hidden, string? attentionMask)
    {
        for (var i = 0; i < shape.Layers; i++)
        {
            hidden = Layer(hidden, $"{prefix}.encoder.layers.{i}", attentionMask);
        }
        return hidden;
    }

    public string LayerNorm(string x, string name)
    {
        long[] width = [shape.Width];
        return graph.Node("LayerNormalization",
            [x, graph.Filled($"{name}.weight", width, 1f), graph.Filled($"{name}.bias", width, 0f)],
            OnnxAttributes.Int("axis", -1), OnnxAttributes.Float("epsilon", LayerNormEpsilon));
    }

    /// <summary>x @ W (+ b), with W stored [in, out] as exporters do.</summary>
    public string Linear(string x, string name, int inputs, int outputs, float std, bool bias = true)
    {
        var product = graph.Node("MatMul", [x, graph.Random($"{name}.weight", [inputs, outputs], std)]);
        return bias ? graph.Node("Add", [product, graph.Filled($"{name}.bias", [outputs], 0f)]) : product;
    }

    private string Layer(string hidden, string name, string? attentionMask)
    {
        graph.Scope = $"{name}.self_attn";
        var attended = Attention(LayerNorm(hidden, $"{name}.layer_norm1"), $"{name}.self_attn", attentionMask);
        hidden = graph.Node("Add", [hidden, attended]);

        graph.Scope = $"{name}.mlp";
        var fc1 = Linear(LayerNorm(hidden, $"{name}.layer_norm2"), $"{name}.mlp.fc1", shape.Width, shape.MlpWidth, _fcStd);
        var fc2 = Linear(QuickGelu(fc1), $"{name}.mlp.fc2", shape.MlpWidth, shape.Width, _outputStd);
        return graph.Node("Add", [hidden, fc2]);
    }

    private string Attention(string x, string name, string? attentionMask)
    {
        var scale = graph.FloatScalar($"{name}.scale", MathF.Pow(shape.HeadWidth, -0.5f));
        var q = graph.Node("Mul", [Linear(x, $"{name}.q_proj", shape.Width, shape.Width, _attentionStd), scale]);
        var k = Linear(x, $"{name}.k_proj", shape.Width, shape.Width, _attentionStd);
        var v = Linear(x, $"{name}.v_proj", shape.Width, shape.Width, _attentionStd);

        // [B, S, W] -> [B, S, H, Dh]; 0 copies the batch size from the input.
        var toHeads = graph.Int64s($"{name}.heads_shape", 0, -1, shape.Heads, shape.HeadWidth);
        var qh = graph.Node("Transpose", [graph.Node("Reshape", [q, toHeads])], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
        var kt = graph.Node("Transpose", [graph.Node("Reshape", [k, toHeads])], OnnxAttributes.Ints("perm", 0, 2, 3, 1));
        var vh = graph.Node("Transpose", [graph.Node("Reshape", [v, toHeads])], OnnxAttributes.Ints("perm", 0, 2, 1, 3));

        var scores = graph.Node("MatMul", [qh, kt]);
        if (attentionMask is not null)
        {
            scores = graph.Node("Add", [scores, attentionMask]);
        }
        var weights = graph.Node("Softmax", [scores], OnnxAttributes.Int("axis", -1));
        var context = graph.Node("Transpose", [graph.Node("MatMul", [weights, vh])], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
        var merged = graph.Node("Reshape", [context, graph.Int64s($"{name}.merge_shape", 0, -1, shape.Width)]);
        return Linear(merged, $"{name}.out_proj", shape.Width, shape.Width, _outputStd);
    }

    /// <summary>CLIP's activation: x * sigmoid(1.702 x).</summary>
    private string QuickGelu(string x)
    {
        var scaled = graph.Node("Mul", [x, graph.FloatScalar($"{graph.Scope}.quick_gelu_alpha", 1.702f)]);
        return graph.Node("Mul", [x, graph.Node("Sigmoid", [scaled])]);
    }
}
