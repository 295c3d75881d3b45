using System.Security.Cryptography;
using System.Text;
using Shoebox.Core;

namespace Shoebox.Tests.Vectors;

/// <summary>
/// Vector index files as removed index kinds saved them: sound in every byte that matters (header, checksum), so only
/// their kind can make a library set them aside.
/// </summary>
internal static class RetiredIndexFiles
{
    public const int IvfVersion = 2;
    public const int HnswVersion = 3;

    /// <summary>The IVF index (version 2): one list holding every vector.</summary>
    public static void WriteIvf(string path, ModelIdentity model, long[] ids, float[] rows) =>
        Write(path, IvfVersion, model, ids.Length, writer =>
        {
            // List count and probes, the mean the centroids were centred on, the one centroid, the list's size.
            writer.Write(1);
            writer.Write(1);
            Array.ForEach(new float[2 * model.Dimensions], writer.Write);
            writer.Write(ids.Length);
            Array.ForEach(ids, writer.Write);
            Array.ForEach(rows, writer.Write);
        });

    /// <summary>The hand-written HNSW graph (version 3): its settings, the rest left out (only the version is read).</summary>
    public static void WriteHnsw(string path, ModelIdentity model, int count) =>
        Write(path, HnswVersion, model, count, writer => Array.ForEach([16, 120, 128, 1, 0], writer.Write));

    private static void Write(string path, int version, ModelIdentity model, int count, Action<BinaryWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("SBVX"u8);
            writer.Write(version);
            writer.Write(model.Key);
            writer.Write(model.Dimensions);
            writer.Write(count);
            body(writer);
        }
        buffer.Write(SHA256.HashData(buffer.ToArray()));
        File.WriteAllBytes(path, buffer.ToArray());
    }
}
