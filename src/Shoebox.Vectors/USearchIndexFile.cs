using System.Runtime.InteropServices;
using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>
/// Version 4 of <see cref="VectorIndexFile"/>, for <see cref="USearchVectorIndex"/>; the header's count is the number
/// of photos. After it: connectivity, expansion on insertion and on search (int32 each), the photo ids in ascending
/// order (int64 each), the length of the graph (int64), then the graph as USearch serialises it (its own header, the
/// links, the float16 vectors). The common header and checksum wrap it, so a damaged file is never handed to USearch.
/// </summary>
internal static unsafe class USearchIndexFile
{
    public const int Version = 4;

    public static void Write(string path, ModelIdentity model, GraphOptions options, long[] ids, byte* graph, long length) =>
        VectorIndexFile.Write(path, Version, model.Key, model.Dimensions, ids.Length, body =>
        {
            body.Append<int>([options.Connectivity, options.ExpansionAdd, options.ExpansionSearch]);
            body.Append<long>(ids);
            body.Append<long>([length]);
            for (long offset = 0; offset < length; offset += int.MaxValue)
            {
                body.Append(new ReadOnlySpan<byte>(graph + offset, (int)Math.Min(int.MaxValue, length - offset)));
            }
        });

    /// <exception cref="VectorIndexStaleException">Missing, damaged, of another version, or of another model.</exception>
    public static (GraphOptions Options, long[] Ids, NativeBuffer Graph) Read(string path, ModelIdentity model) =>
        VectorIndexFile.Read(path, Version, model.Key, model.Dimensions, (body, count) =>
        {
            var head = body.Read<int>(3);
            var options = new GraphOptions { Connectivity = head[0], ExpansionAdd = head[1], ExpansionSearch = head[2] };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw VectorIndexFile.Corrupt(path, $"its settings make no graph ({e.ParamName})", e);
            }
            var ids = body.Read<long>(count);
            var length = body.Read<long>(1)[0];
            body.ExpectRemaining(length);
            var graph = new NativeBuffer(length);
            try
            {
                for (long offset = 0; offset < length; offset += int.MaxValue)
                {
                    body.ReadInto(new Span<byte>(graph.Pointer + offset, (int)Math.Min(int.MaxValue, length - offset)));
                }
                return (options, ids, graph);
            }
            catch
            {
                graph.Dispose();
                throw;
            }
        });

    /// <summary>Memory outside the managed heap, for a graph on its way from the file into USearch.</summary>
    public sealed class NativeBuffer(long length) : IDisposable
    {
        public byte* Pointer { get; private set; } = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, length));

        public long Length => length;

        // Also freed when a checksum found wrong after the body was read drops the buffer unreturned.
        ~NativeBuffer() => NativeMemory.Free(Pointer);

        public void Dispose()
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
            GC.SuppressFinalize(this);
        }
    }
}
