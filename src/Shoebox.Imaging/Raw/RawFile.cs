using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// Reads a raw file at the offsets its structures name, never past its end: an offset or length a damaged file
/// gets wrong becomes a <see cref="BadImageException"/> with the place, not an exception from the stream.
/// </summary>
internal sealed class RawFile : IDisposable
{
    private readonly FileStream _stream;

    public RawFile(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.RandomAccess);
        Length = _stream.Length;
    }

    public long Length { get; }

    public bool Contains(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length - count;

    public byte[] Read(long offset, int count, string what)
    {
        if (!Contains(offset, count))
        {
            throw new BadImageException($"damaged raw file: {what} at {offset} ({count} bytes) lies past the end of the file ({Length} bytes)");
        }
        var bytes = new byte[count];
        _stream.Position = offset;
        _stream.ReadExactly(bytes);
        return bytes;
    }

    public uint U32(long offset, bool bigEndian, string what)
    {
        var bytes = Read(offset, 4, what);
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public void Dispose() => _stream.Dispose();
}
