using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>Opens a saved index whichever kind it is: the format version after the magic says exact (1) or graph (4).</summary>
public static class SavedVectorIndex
{
    // Version 2 was the IVF index, version 3 the hand-written HNSW graph, both removed: a library that still holds
    // one rebuilds its index from the catalog, as it would after any change of format.
    private static readonly Dictionary<int, string> Retired = new() { [2] = "IVF", [3] = "the HNSW graph before USearch" };

    /// <exception cref="VectorIndexStaleException">
    /// The file is missing, damaged, of an unknown version, of a kind no longer used, or of another model.
    /// </exception>
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
        var version = BinaryPrimitives.ReadInt32LittleEndian(head[4..]);
        if (head[..4].SequenceEqual(VectorIndexFile.Magic) && Retired.TryGetValue(version, out var kind))
        {
            throw new VectorIndexStaleException(VectorIndexStaleReason.Retired, $"{path} was saved by an index kind this version no longer uses ({kind})");
        }
        return version switch
        {
            USearchIndexFile.Version => USearchVectorIndex.Load(path, expected),
            // Anything else, the exact loader reads or reports (bad magic, unknown version).
            _ => ExactVectorIndex.Load(path, expected),
        };
    }
}
