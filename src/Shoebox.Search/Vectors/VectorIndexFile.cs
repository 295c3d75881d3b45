using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Shoebox.Search.Vectors;

/// <summary>
/// The saved form of a vector index, little-endian: "SBVX", format version (int32), model key (7-bit length
/// prefixed UTF-8), dimensions (int32), count (int32), count photo ids (int64), count rows of float32, then the
/// SHA-256 of everything before it. Rows stay float32 (not the catalog's float16) so loading is one copy.
/// </summary>
internal static class VectorIndexFile
{
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SBVX"u8;

    private const int ChunkBytes = 1 << 20;

    public static void Write(string path, string modelKey, int dimensions, ReadOnlySpan<long> ids, ReadOnlySpan<float> rows)
    {
        ThrowIfBigEndian();
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var header = Header(modelKey, dimensions, ids.Length);
                Append(stream, hash, new ReadOnlySpan<byte>(header));
                Append(stream, hash, ids);
                Append(stream, hash, rows);
                stream.Write(hash.GetHashAndReset());
                // On disk before the rename, so a crash leaves the old file or the whole new one, never a torn one.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
            throw;
        }
    }

    public static (long[] Ids, float[] Rows) Read(string path, string modelKey, int dimensions)
    {
        ThrowIfBigEndian();
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VectorIndexStaleException(VectorIndexStaleReason.Missing, $"{path} does not exist", e);
        }
        using (stream)
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            try
            {
                return Read(stream, hash, path, modelKey, dimensions);
            }
            catch (EndOfStreamException e)
            {
                throw Corrupt(path, "it ends too early", e);
            }
        }
    }

    private static (long[] Ids, float[] Rows) Read(FileStream stream, IncrementalHash hash, string path, string modelKey, int dimensions)
    {
        // The header is read with a reader, then hashed as the bytes it came from.
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw Corrupt(path, "it is not a vector index");
        }
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw Corrupt(path, $"its format version is {version}, not {FormatVersion}");
        }
        var savedKey = ReadKey(reader, path);
        var savedDimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (savedKey != modelKey || savedDimensions != dimensions)
        {
            throw new VectorIndexStaleException(
                VectorIndexStaleReason.OtherModel,
                $"{path} holds {savedKey} vectors of {savedDimensions} dimensions, not {modelKey} of {dimensions}");
        }
        var headerLength = (int)stream.Position;
        var expectedLength = headerLength + (count * (sizeof(long) + ((long)dimensions * sizeof(float)))) + SHA256.HashSizeInBytes;
        if (count < 0 || stream.Length != expectedLength)
        {
            throw Corrupt(path, $"its length is {stream.Length} bytes, not the {expectedLength} its header promises");
        }
        if ((long)count * dimensions > Array.MaxLength)
        {
            throw Corrupt(path, $"{count} vectors do not fit in one index");
        }
        hash.AppendData(Header(savedKey, savedDimensions, count));

        var ids = new long[count];
        var rows = new float[count * dimensions];
        ReadHashed(stream, hash, ids.AsSpan());
        ReadHashed(stream, hash, rows.AsSpan());
        Span<byte> saved = stackalloc byte[SHA256.HashSizeInBytes];
        stream.ReadExactly(saved);
        if (!saved.SequenceEqual(hash.GetHashAndReset()))
        {
            throw Corrupt(path, "its checksum does not match");
        }
        return (ids, rows);
    }

    private static string ReadKey(BinaryReader reader, string path)
    {
        try
        {
            return reader.ReadString();
        }
        catch (FormatException e)
        {
            throw Corrupt(path, "its model key is unreadable", e);
        }
    }

    private static byte[] Header(string modelKey, int dimensions, int count)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(modelKey);
            writer.Write(dimensions);
            writer.Write(count);
        }
        return buffer.ToArray();
    }

    // Chunked by element, because the bytes of a million 512-float rows are more than a span can count.
    private static void Append<T>(FileStream stream, IncrementalHash hash, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var perChunk = ChunkBytes / Unsafe.SizeOf<T>();
        while (!values.IsEmpty)
        {
            var bytes = MemoryMarshal.AsBytes(values[..Math.Min(values.Length, perChunk)]);
            hash.AppendData(bytes);
            stream.Write(bytes);
            values = values[Math.Min(values.Length, perChunk)..];
        }
    }

    private static void ReadHashed<T>(FileStream stream, IncrementalHash hash, Span<T> destination)
        where T : unmanaged
    {
        var perChunk = ChunkBytes / Unsafe.SizeOf<T>();
        while (!destination.IsEmpty)
        {
            var chunk = destination[..Math.Min(destination.Length, perChunk)];
            var bytes = MemoryMarshal.AsBytes(chunk);
            stream.ReadExactly(bytes);
            hash.AppendData(bytes);
            destination = destination[chunk.Length..];
        }
    }

    private static VectorIndexStaleException Corrupt(string path, string why, Exception? inner = null) =>
        new(VectorIndexStaleReason.Corrupt, $"{path} is damaged: {why}", inner);

    private static void ThrowIfBigEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vector index files are little-endian; this machine is not.");
        }
    }
}
