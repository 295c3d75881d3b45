using System.Runtime.InteropServices;

namespace Shoebox.Models.Synth;

/// <summary>
/// A float32 initializer whose values are produced while the file is written, so a 350 MB model never sits in
/// memory. Given values are written as they are; else Std &gt; 0 draws from a zero-mean bell curve with that spread;
/// otherwise every value is Constant.
/// </summary>
internal sealed record WeightSpec(string Name, long[] Shape, float Std, float Constant = 0f, float[]? Values = null)
{
    private const int ChunkFloats = 16 * 1024;

    public long Count => Shape.Aggregate(1L, (product, dim) => product * dim);

    public long ByteLength => Count * sizeof(float);

    public void WriteValues(Stream output, int seed)
    {
        if (Values is not null)
        {
            output.Write(MemoryMarshal.AsBytes(Values.AsSpan()));
            return;
        }
        // Each weight gets its own stream keyed by its name, so adding a weight never shifts the others.
        var random = new SplitMix64(((ulong)(uint)seed << 32) ^ Fnv1a(Name));
        var buffer = new float[ChunkFloats];
        for (var left = Count; left > 0; left -= buffer.Length)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(left, buffer.Length));
            if (Std > 0)
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = random.NextBell() * Std;
                }
            }
            else
            {
                chunk.Fill(Constant);
            }
            // ONNX raw_data is little-endian, which is what every platform .NET runs on stores.
            output.Write(MemoryMarshal.AsBytes(chunk));
        }
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
