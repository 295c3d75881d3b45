using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Search.Vectors;

/// <summary>Opens a saved index whichever kind it is: the format version after the magic says exact (1), IVF (2) or HNSW (3).</summary>
public static class SavedVectorIndex
{
    /// <exception cref="VectorIndexStaleException">The file is missing, damaged, of an unknown version or of another model.</exception>
    public static IVectorIndex Load(string path, ModelIdentity expected)
    {
        Span<byte> head = stackalloc byte[8];
        try
        {
            using var stream = File.OpenRead(path);
            stream.ReadExactly(head);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VectorIndexStaleException(VectorIndexStaleReason.Missing, $"{path} does not exist", e);
        }
        catch (EndOfStreamException e)
        {
            throw new VectorIndexStaleException($"{path} ends too early", e);
        }
        return BinaryPrimitives.ReadInt32LittleEndian(head[4..]) switch
        {
            IvfIndexFile.Version => IvfVectorIndex.Load(path, expected),
            HnswIndexFile.Version => HnswVectorIndex.Load(path, expected),
            // Anything else, the exact loader reads or reports (bad magic, unknown version).
            _ => ExactVectorIndex.Load(path, expected),
        };
    }
}
