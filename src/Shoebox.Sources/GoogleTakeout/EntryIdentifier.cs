using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;
using Shoebox.Core;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>
/// Hashes an archive entry while it is read, the way the indexer hashes a file (SHA-256 of every byte, format from
/// the first ones), so an entry of a .tgz is never decompressed twice for that.
/// </summary>
internal static class EntryIdentifier
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Hash and format, or null when the content is empty or not an image (the indexer then reports it). Throws
    /// <see cref="InvalidDataException"/> when the content ends before the archive said it would, or does not have
    /// the checksum it gave.
    /// </summary>
    public static (ContentHash Hash, ImageFormat Format)? Identify(Stream content, long length, uint? crc32 = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var headerLength = content.ReadAtLeast(buffer.AsSpan(0, ImageSniffer.HeaderLength), ImageSniffer.HeaderLength, throwOnEndOfStream: false);
            if (ImageSniffer.Detect(buffer.AsSpan(0, headerLength)) is not { } format)
            {
                return null;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var crc = new Crc32();
            hash.AppendData(buffer, 0, headerLength);
            crc.Append(buffer.AsSpan(0, headerLength));
            long total = headerLength;
            int read;
            while ((read = content.Read(buffer, 0, BufferSize)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                crc.Append(buffer.AsSpan(0, read));
                total += read;
            }
            if (total != length)
            {
                throw new InvalidDataException($"the entry ends after {total} of its {length} bytes");
            }
            if (crc32 is { } expected && crc.GetCurrentHashAsUInt32() != expected)
            {
                throw new InvalidDataException("the entry's content does not match its checksum (the archive is damaged)");
            }
            return (new ContentHash(hash.GetHashAndReset()), format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
