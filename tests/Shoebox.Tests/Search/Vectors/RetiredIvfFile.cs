using System.Security.Cryptography;
using System.Text;
using Shoebox.Core;

namespace Shoebox.Tests.Search.Vectors;

/// <summary>
/// A vector index file as the removed IVF index saved it (format version 2): the common header, one list holding
/// every vector, then the checksum. Sound in every byte, so only its kind can make a library set it aside.
/// </summary>
internal static class RetiredIvfFile
{
    public const int Version = 2;

    public static void Write(string path, ModelIdentity model, long[] ids, float[] rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("SBVX"u8);
            writer.Write(Version);
            writer.Write(model.Key);
            writer.Write(model.Dimensions);
            writer.Write(ids.Length);
            // List count and probes, the mean the centroids were centred on, the one centroid, the list's size.
            writer.Write(1);
            writer.Write(1);
            Array.ForEach(new float[2 * model.Dimensions], writer.Write);
            writer.Write(ids.Length);
            Array.ForEach(ids, writer.Write);
            Array.ForEach(rows, writer.Write);
        }
        buffer.Write(SHA256.HashData(buffer.ToArray()));
        File.WriteAllBytes(path, buffer.ToArray());
    }
}
