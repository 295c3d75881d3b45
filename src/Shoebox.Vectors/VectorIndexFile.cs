using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Shoebox.Vectors;

/// <summary>
/// The saved form of a vector index, little-endian: "SBVX", format version (int32), model key (7-bit length
/// prefixed UTF-8), dimensions (int32), count (int32), then the body of that version, then the SHA-256 of
/// everything before it. Version 1 (exact) has count photo ids (int64) and count rows of float32; version 4 (the
/// USearch graph) is described by <see cref="USearchIndexFile"/>; versions 2 (IVF) and 3 (the hand-written HNSW graph)
/// belonged to removed indexes, which <see cref="SavedVectorIndex"/> reports as stale. The exact index's rows stay
/// float32 (not the catalog's float16) so loading is one copy.
/// </summary>
internal static class VectorIndexFile
{
    public const int ExactVersion = 1;

    public static ReadOnlySpan<byte> Magic => "SBVX"u8;

    private const int ChunkBytes = 1 << 20;

    public static void Write(string path, string modelKey, int dimensions, ReadOnlyMemory<long> ids, ReadOnlyMemory<float> rows) =>
        Write(path, ExactVersion, modelKey, dimensions, ids.Length, body =>
        {
            body.Append(ids.Span);
            body.Append(rows.Span);
        });

    public static (long[] Ids, float[] Rows) Read(string path, string modelKey, int dimensions) =>
        Read(path, ExactVersion, modelKey, dimensions, (body, count) =>
        {
            body.ExpectRemaining(count * (sizeof(long) + ((long)dimensions * sizeof(float))));
            var ids = body.Read<long>(count);
            return (ids, body.Read<float>((long)count * dimensions));
        });

    /// <summary>Writes the header, then <paramref name="body"/>, then the checksum; replaces the file whole or not at all.</summary>
    public static void Write(string path, int version, string modelKey, int dimensions, int count, Action<HashedWriter> body)
    {
        ThrowIfBigEndian();
        // A name of its own, so that two processes saving the same library (index and serve) never write one file.
        var temporary = $"{path}.{Path.GetRandomFileName()}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var writer = new HashedWriter(stream, hash);
                writer.Append<byte>(Header(version, modelKey, dimensions, count));
                body(writer);
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

    /// <summary>
    /// Checks the header, lets <paramref name="body"/> read the rest (given the count), then checks the checksum.
    /// </summary>
    /// <exception cref="VectorIndexStaleException">Missing, damaged, of another version, or of another model.</exception>
    public static T Read<T>(string path, int version, string modelKey, int dimensions, Func<HashedReader, int, T> body)
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
                var count = ReadHeader(stream, hash, path, version, modelKey, dimensions);
                var result = body(new HashedReader(stream, hash, path), count);
                Span<byte> saved = stackalloc byte[SHA256.HashSizeInBytes];
                stream.ReadExactly(saved);
                if (!saved.SequenceEqual(hash.GetHashAndReset()) || stream.Position != stream.Length)
                {
                    throw Corrupt(path, "its checksum does not match");
                }
                return result;
            }
            catch (EndOfStreamException e)
            {
                throw Corrupt(path, "it ends too early", e);
            }
        }
    }

    private static int ReadHeader(FileStream stream, IncrementalHash hash, string path, int version, string modelKey, int dimensions)
    {
        // The header is read with a reader, then hashed as the bytes it came from.
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw Corrupt(path, "it is not a vector index");
        }
        var savedVersion = reader.ReadInt32();
        if (savedVersion != version)
        {
            throw Corrupt(path, $"its format version is {savedVersion}, not {version}");
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
        if (count < 0 || (long)count * dimensions > Array.MaxLength)
        {
            throw Corrupt(path, $"{count} vectors do not fit in one index");
        }
        hash.AppendData(Header(version, savedKey, savedDimensions, count));
        return count;
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

    private static byte[] Header(int version, string modelKey, int dimensions, int count)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(version);
            writer.Write(modelKey);
            writer.Write(dimensions);
            writer.Write(count);
        }
        return buffer.ToArray();
    }

    public static VectorIndexStaleException Corrupt(string path, string why, Exception? inner = null) =>
        new(VectorIndexStaleReason.Corrupt, $"{path} is damaged: {why}", inner);

    private static void ThrowIfBigEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vector index files are little-endian; this machine is not.");
        }
    }

    /// <summary>Writes values to the file and the checksum together.</summary>
    internal sealed class HashedWriter(FileStream stream, IncrementalHash hash)
    {
        // Chunked by element, because the bytes of a million 512-float rows are more than a span can count.
        public void Append<T>(ReadOnlySpan<T> values)
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
    }

    /// <summary>Reads values from the file into the checksum; refuses sizes the file cannot hold before allocating.</summary>
    internal sealed class HashedReader(FileStream stream, IncrementalHash hash, string path)
    {
        public string Path => path;

        /// <summary>Fails unless exactly <paramref name="bytes"/> (plus the checksum) are left: a damaged count is caught before it allocates.</summary>
        public void ExpectRemaining(long bytes)
        {
            var expected = stream.Position + bytes + SHA256.HashSizeInBytes;
            if (bytes < 0 || stream.Length != expected)
            {
                throw Corrupt(path, $"its length is {stream.Length} bytes, not the {expected} its header promises");
            }
        }

        /// <summary>Fills <paramref name="destination"/> (native memory, say) from the file, chunk by chunk.</summary>
        public void ReadInto(Span<byte> destination)
        {
            while (!destination.IsEmpty)
            {
                var chunk = destination[..Math.Min(destination.Length, ChunkBytes)];
                stream.ReadExactly(chunk);
                hash.AppendData(chunk);
                destination = destination[chunk.Length..];
            }
        }

        public T[] Read<T>(long count)
            where T : unmanaged
        {
            if (count < 0 || count > Array.MaxLength || (count * Unsafe.SizeOf<T>()) > stream.Length - stream.Position)
            {
                throw Corrupt(path, $"it promises {count} values that it cannot hold");
            }
            var values = new T[count];
            Span<T> destination = values;
            var perChunk = ChunkBytes / Unsafe.SizeOf<T>();
            while (!destination.IsEmpty)
            {
                var chunk = destination[..Math.Min(destination.Length, perChunk)];
                var bytes = MemoryMarshal.AsBytes(chunk);
                stream.ReadExactly(bytes);
                hash.AppendData(bytes);
                destination = destination[chunk.Length..];
            }
            return values;
        }
    }
}
