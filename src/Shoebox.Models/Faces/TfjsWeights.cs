using System.Buffers.Binary;
using System.Text.Json;
using Shoebox.Models.Store;

namespace Shoebox.Models.Faces;

/// <summary>
/// The weights of a TensorFlow.js "weights-only" model: a manifest (JSON) naming each tensor's shape, type and
/// quantisation, and binary shards holding the values one tensor after the other. Quantised tensors are stored as
/// uint8 or uint16 codes with a scale and minimum each, and come back as float32 the way TensorFlow.js decodes them.
/// </summary>
internal sealed class TfjsWeights
{
    private readonly Dictionary<string, (int[] Shape, float[] Values)> _tensors;

    private TfjsWeights(Dictionary<string, (int[] Shape, float[] Values)> tensors) => _tensors = tensors;

    public IReadOnlyCollection<string> Names => _tensors.Keys;

    /// <summary>The tensor called <paramref name="name"/>, checked to have <paramref name="shape"/>.</summary>
    public float[] Get(string name, params int[] shape)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw new ModelUnavailableException($"The face model's weights lack '{name}'.");
        }
        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new ModelUnavailableException($"The face model's '{name}' is [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", shape)}].");
        }
        return tensor.Values;
    }

    /// <summary>Reads the manifest and the shards it names, which lie beside it.</summary>
    public static TfjsWeights Read(string manifestPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        Manifest[] groups;
        try
        {
            groups = JsonSerializer.Deserialize<Manifest[]>(File.ReadAllBytes(manifestPath), JsonOptions) ?? [];
        }
        catch (JsonException e)
        {
            throw new ModelUnavailableException($"{manifestPath} is not a TensorFlow.js weights manifest: {e.Message}", e);
        }
        var tensors = new Dictionary<string, (int[], float[])>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var data = group.Paths.SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p))).ToArray();
            var offset = 0;
            foreach (var weight in group.Weights)
            {
                var count = weight.Shape.Aggregate(1, (product, dim) => checked(product * dim));
                var (values, used) = Decode(weight, data.AsSpan(offset), count, manifestPath);
                tensors[weight.Name] = (weight.Shape, values);
                offset += used;
            }
            if (offset != data.Length)
            {
                throw new ModelUnavailableException($"{manifestPath} describes {offset} bytes of weights, its shards hold {data.Length}.");
            }
        }
        return new TfjsWeights(tensors);
    }

    private static (float[] Values, int Bytes) Decode(Weight weight, ReadOnlySpan<byte> data, int count, string manifestPath)
    {
        var codeSize = weight.Quantization?.Dtype switch
        {
            null => 4,
            "uint8" => 1,
            "uint16" => 2,
            var other => throw new ModelUnavailableException($"{manifestPath}: '{weight.Name}' is quantised as {other}, which Shoebox does not read."),
        };
        if (weight.Dtype != "float32")
        {
            throw new ModelUnavailableException($"{manifestPath}: '{weight.Name}' is {weight.Dtype}; only float32 tensors are expected.");
        }
        if (data.Length < count * codeSize)
        {
            throw new ModelUnavailableException($"{manifestPath}: the shards end inside '{weight.Name}'.");
        }
        var values = new float[count];
        if (weight.Quantization is not { } q)
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
            }
            return (values, count * 4);
        }
        // TensorFlow.js computes code * scale + min in double precision and stores the result as float32.
        for (var i = 0; i < count; i++)
        {
            var code = codeSize == 1 ? data[i] : BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..]);
            values[i] = (float)((code * q.Scale) + q.Min);
        }
        return (values, count * codeSize);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record Manifest(string[] Paths, Weight[] Weights);

    private sealed record Weight(string Name, int[] Shape, string Dtype, Quantization? Quantization);

    private sealed record Quantization(string Dtype, double Scale, double Min);
}
