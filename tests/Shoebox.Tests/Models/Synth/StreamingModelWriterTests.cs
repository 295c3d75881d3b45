using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Shoebox.Models.Synth;
using Shoebox.Tests.Fixtures;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Shoebox.Tests.Models.Synth;

[Tier(Tier.Unit)]
public class StreamingModelWriterTests
{
    private static GraphBuilder Affine()
    {
        // y = x @ W + 1, with W random: zeros in give ones out.
        var graph = new GraphBuilder("affine");
        var x = graph.Input("x", DataType.Float, "batch_size", 4);
        var product = graph.Node("MatMul", [x, graph.Random("w", [4, 3], 0.5f)]);
        var y = graph.Node("Add", [product, graph.Filled("b", [3], 1f)]);
        graph.Output(y, "y", DataType.Float, "batch_size", 3);
        return graph;
    }

    [Fact]
    public void Write_SmallGraph_RunsInOnnxRuntime()
    {
        using var folder = new TempFolder();
        var path = folder["affine.onnx"];

        StreamingModelWriter.Write(path, Affine(), seed: 5);

        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(new float[8], [2, 4]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
        Assert.Equal([2, 3], outputs[0].GetTensorTypeAndShape().Shape);
        Assert.All(outputs[0].GetTensorDataAsSpan<float>().ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Write_SmallGraph_WeightsHoldTheirSpecs()
    {
        using var folder = new TempFolder();
        var path = folder["affine.onnx"];

        StreamingModelWriter.Write(path, Affine(), seed: 5);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(StreamingModelWriter.Opset, Assert.Single(model.OpsetImport).Version);
        var weights = model.Graph.Initializer.ToDictionary(t => t.Name);
        Assert.Equal([4L, 3L], weights["w"].Dims);
        var w = MemoryMarshal.Cast<byte, float>(weights["w"].RawData.Span).ToArray();
        Assert.Equal(12, w.Length);
        Assert.Equal(12, w.Distinct().Count());
        Assert.All(MemoryMarshal.Cast<byte, float>(weights["b"].RawData.Span).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Write_TinyTextTower_IsCanonicalProtobuf()
    {
        using var folder = new TempFolder();
        var path = folder["text.onnx"];

        StreamingModelWriter.Write(path, TextTower.Build(ClipPreset.Tiny), seed: 1);

        // Sizes and field order computed by hand must agree with what protobuf itself would write.
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(bytes, ModelProto.Parser.ParseFrom(bytes).ToByteArray());
    }

    [Fact]
    public void Write_GivenWeights_StoredAsGivenUnderTheProducerNamed()
    {
        using var folder = new TempFolder();
        var path = folder["given.onnx"];
        var graph = new GraphBuilder("given");
        var x = graph.Input("x", DataType.Float, "batch_size", 2);
        graph.Output(graph.Node("MatMul", [x, graph.Given("w", [2, 2], [1f, 2f, 3f, 4f])]), "y", DataType.Float, "batch_size", 2);

        StreamingModelWriter.Write(path, graph, seed: 0, producer: "shoebox-test");

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal("shoebox-test", model.ProducerName);
        Assert.Equal([1f, 2f, 3f, 4f], MemoryMarshal.Cast<byte, float>(Assert.Single(model.Graph.Initializer).RawData.Span).ToArray());
    }

    [Fact]
    public void Given_ValuesNotFillingTheShape_Throws()
    {
        var graph = new GraphBuilder("given");

        Assert.Throws<ArgumentException>(() => graph.Given("w", [2, 2], [1f, 2f, 3f]));
    }

    [Fact]
    public void Output_ValueNoNodeProduces_Throws()
    {
        var graph = new GraphBuilder("broken");
        var x = graph.Input("x", DataType.Float, "batch_size", 4);

        Assert.Throws<InvalidOperationException>(() => graph.Output(x, "y", DataType.Float, "batch_size", 4));
    }

    [Fact]
    public void NextBell_ManyDraws_ZeroMeanUnitVariance()
    {
        var random = new SplitMix64(42);
        var draws = Enumerable.Range(0, 200_000).Select(_ => (double)random.NextBell()).ToArray();

        var mean = draws.Average();
        var variance = draws.Select(d => (d - mean) * (d - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
        Assert.InRange(draws.Max(), 3.0, 3.5);
    }
}
