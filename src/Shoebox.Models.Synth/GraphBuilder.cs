using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Shoebox.Models.Synth;

/// <summary>
/// Collects an ONNX graph node by node. Small constants live in the graph; large weights stay as
/// <see cref="WeightSpec"/>s until <see cref="StreamingModelWriter"/> writes them out.
/// </summary>
internal sealed class GraphBuilder(string name)
{
    private readonly GraphProto _graph = new() { Name = name };
    private readonly List<ValueInfoProto> _inputs = [];
    private readonly List<ValueInfoProto> _outputs = [];
    private readonly List<WeightSpec> _weights = [];
    private readonly Dictionary<string, NodeProto> _producers = [];
    private int _nodeCount;

    /// <summary>Prefix for node and value names (e.g. "encoder.layers.3.mlp"), to keep dumps of the graph readable.</summary>
    public string Scope { get; set; } = "";

    public IReadOnlyList<WeightSpec> Weights => _weights;

    public string Input(string name, DataType type, string batchDim, params long[] dims)
    {
        _inputs.Add(ValueInfo(name, type, batchDim, dims));
        return name;
    }

    /// <summary>Exposes <paramref name="value"/> as a graph output called <paramref name="name"/> by renaming what produced it.</summary>
    public void Output(string value, string name, DataType type, string batchDim, params long[] dims)
    {
        if (!_producers.Remove(value, out var producer))
        {
            throw new InvalidOperationException($"'{value}' is not the output of a node in this graph");
        }
        producer.Output[producer.Output.IndexOf(value)] = name;
        _producers[name] = producer;
        _outputs.Add(ValueInfo(name, type, batchDim, dims));
    }

    /// <summary>Adds one node with a single output and returns that output's name.</summary>
    public string Node(string op, string[] inputs, params AttributeProto[] attributes)
    {
        var nodeName = $"{Scope}/{op}_{_nodeCount++}";
        var output = nodeName + "_out";
        var node = new NodeProto { Name = nodeName, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        _producers[output] = node;
        return output;
    }

    public string Random(string name, long[] shape, float std) => AddWeight(new WeightSpec(name, shape, std));

    public string Filled(string name, long[] shape, float value) => AddWeight(new WeightSpec(name, shape, 0f, value));

    /// <summary>A weight whose values are known (read from a trained model), streamed like the generated ones.</summary>
    public string Given(string name, long[] shape, float[] values)
    {
        var count = shape.Aggregate(1L, (product, dim) => product * dim);
        if (values.Length != count)
        {
            throw new ArgumentException($"{name}: shape [{string.Join(", ", shape)}] holds {count} values, got {values.Length}.", nameof(values));
        }
        return AddWeight(new WeightSpec(name, shape, 0f, Values: values));
    }

    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A 0-d int64 tensor, e.g. an index that should drop the axis it picks from.</summary>
    public string Int64Scalar(string name, long value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Int64Data.Add(value);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string FloatScalar(string name, float value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.FloatData.Add(value);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A small float tensor given in full (a mask), stored in the graph rather than streamed.</summary>
    public string Floats(string name, long[] shape, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(shape);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>
    /// The graph split at the streamed weights, in protobuf field order: nodes, name and small initializers
    /// come before them, inputs and outputs after, so the written file is canonical protobuf.
    /// </summary>
    public (GraphProto Head, GraphProto Tail) Split()
    {
        var tail = new GraphProto();
        tail.Input.AddRange(_inputs);
        tail.Output.AddRange(_outputs);
        return (_graph, tail);
    }

    private string AddWeight(WeightSpec weight)
    {
        _weights.Add(weight);
        return weight.Name;
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, string batchDim, long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batchDim });
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
