using Google.Protobuf;
using Onnx;

namespace Shoebox.Models.Synth;

/// <summary>
/// Writes a ModelProto without holding it in memory. Protobuf length-prefixes nested messages, so every size is
/// computed from the tensor headers first; the weight values are then generated and written chunk by chunk.
/// Parsing the file and serialising it again gives the same bytes.
/// </summary>
internal static class StreamingModelWriter
{
    public const int Opset = 17;

    // Opset 17 belongs to ONNX 1.12, whose IR version is 8.
    private const long IrVersion = 8;

    // Wire-format tags: (field number << 3) | 2 for a length-delimited field.
    private const byte ModelGraphTag = (ModelProto.GraphFieldNumber << 3) | 2;
    private const byte GraphInitializerTag = (GraphProto.InitializerFieldNumber << 3) | 2;
    private const byte TensorRawDataTag = (TensorProto.RawDataFieldNumber << 3) | 2;

    /// <param name="producer">Recorded in the file: what made it.</param>
    public static void Write(string path, GraphBuilder graph, int seed, string producer = "shoebox-synth")
    {
        var (graphHead, graphTail) = graph.Split();
        var weights = graph.Weights.Select(w => (Spec: w, Header: TensorHeader(w).ToByteArray())).ToList();

        long graphLength = graphHead.CalculateSize() + graphTail.CalculateSize();
        foreach (var (spec, header) in weights)
        {
            var tensorLength = TensorLength(header, spec);
            graphLength += 1 + CodedOutputStream.ComputeLengthSize(checked((int)tensorLength)) + tensorLength;
        }

        var modelHead = new ModelProto { IrVersion = IrVersion, ProducerName = producer, ProducerVersion = "1" };
        var modelTail = new ModelProto();
        modelTail.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });

        // Written next to the target and moved into place, so an interrupted run never leaves a half model.
        var partial = path + ".partial";
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            modelHead.WriteTo(file);
            file.WriteByte(ModelGraphTag);
            WriteVarint(file, (ulong)checked((int)graphLength));
            graphHead.WriteTo(file);
            foreach (var (spec, header) in weights)
            {
                file.WriteByte(GraphInitializerTag);
                WriteVarint(file, (ulong)TensorLength(header, spec));
                file.Write(header);
                file.WriteByte(TensorRawDataTag);
                WriteVarint(file, (ulong)spec.ByteLength);
                spec.WriteValues(file, seed);
            }
            graphTail.WriteTo(file);
            modelTail.WriteTo(file);
        }
        File.Move(partial, path, overwrite: true);
    }

    private static TensorProto TensorHeader(WeightSpec weight)
    {
        var header = new TensorProto { Name = weight.Name, DataType = (int)TensorProto.Types.DataType.Float };
        header.Dims.AddRange(weight.Shape);
        return header;
    }

    private static long TensorLength(byte[] header, WeightSpec weight) =>
        header.Length + 1 + CodedOutputStream.ComputeLengthSize(checked((int)weight.ByteLength)) + weight.ByteLength;

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }
}
