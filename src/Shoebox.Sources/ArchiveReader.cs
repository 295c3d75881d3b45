using Shoebox.Core;
using System.Formats.Tar;
using System.IO.Compression;

namespace Shoebox.Sources;

/// <summary>
/// One file inside an archive. <see cref="Open"/> is valid until the next entry is asked for. A zip entry stands
/// alone (<see cref="Independent"/>): one that cannot be read spoils no other, while damage in a tar ends it.
/// <see cref="Crc32"/> is the zip's checksum of the content, to be checked by whoever reads it all.
/// </summary>
public sealed record ArchiveItem(string Name, long Length, long ModifiedTicks, Func<Stream> Open, bool Independent, uint? Crc32 = null);

/// <summary>
/// The files of a .zip, .tar, .tgz or .tar.gz, read in place. A zip is read through its central directory (any
/// entry, any order); a tar only front to back, decompressing as it goes, which is why callers ask for many
/// entries at once (<see cref="ReadInOrder"/>).
/// </summary>
public static class ArchiveReader
{
    public static bool IsArchive(string path) =>
        path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The bytes of one entry, copied out (the archive is closed on return); throws
    /// <see cref="FileNotFoundException"/> when the archive no longer holds it.
    /// </summary>
    public static MemoryStream ReadEntry(ArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var (_, data) in ReadInOrder(entry.Archive, new HashSet<string>(StringComparer.Ordinal) { entry.Entry }))
        {
            var copy = new MemoryStream();
            data.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }
        throw new FileNotFoundException($"{entry.Archive} no longer holds {entry.Entry}", entry.Entry);
    }

    /// <summary>
    /// Every entry named in <paramref name="wanted"/>, in the archive's order, each stream valid until the next is
    /// asked for. Stops reading once all are found.
    /// </summary>
    public static IEnumerable<(string Entry, Stream Data)> ReadInOrder(string archive, IReadOnlySet<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var remaining = wanted.Count;
        foreach (var item in Files(archive))
        {
            if (remaining == 0)
            {
                yield break;
            }
            if (wanted.Contains(item.Name))
            {
                remaining--;
                // A zip entry's stream holds native inflate state: closed when the caller moves on. A tar entry's
                // stream is the archive's own, which the pass still needs.
                var data = item.Open();
                try
                {
                    yield return (item.Name, data);
                }
                finally
                {
                    if (item.Independent)
                    {
                        data.Dispose();
                    }
                }
            }
        }
    }

    public enum Kind { Zip, Tar, GzipTar }

    /// <summary>The archive's kind from its first bytes (a misnamed part still opens); throws when it is none of them.</summary>
    public static Kind Detect(string path)
    {
        Span<byte> header = stackalloc byte[262];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        header = header[..read];
        if (header.StartsWith("PK\x03\x04"u8) || header.StartsWith("PK\x05\x06"u8))
        {
            return Kind.Zip;
        }
        if (header.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return Kind.GzipTar;
        }
        if (header.Length >= 262 && header[257..262].SequenceEqual("ustar"u8))
        {
            return Kind.Tar;
        }
        throw new InvalidDataException(read == 0 ? "the archive is empty (0 bytes)" : "not a zip, tar or gzip archive");
    }

    /// <summary>Regular files in archive order; damage surfaces as <see cref="InvalidDataException"/> or <see cref="IOException"/>.</summary>
    public static IEnumerable<ArchiveItem> Files(string path) => Detect(path) switch
    {
        Kind.Zip => ZipFiles(path),
        Kind.GzipTar => TarFiles(path, gzip: true),
        _ => TarFiles(path, gzip: false),
    };

    private static IEnumerable<ArchiveItem> ZipFiles(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                continue;
            }
            yield return new ArchiveItem(entry.FullName, entry.Length, entry.LastWriteTime.UtcTicks, entry.Open, Independent: true, entry.Crc32);
        }
    }

    private static IEnumerable<ArchiveItem> TarFiles(string path, bool gzip)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var tar = new TarReader(stream);
        while (tar.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                continue;
            }
            yield return new ArchiveItem(entry.Name, entry.Length, entry.ModificationTime.UtcTicks, () => entry.DataStream ?? Stream.Null, Independent: false);
        }
    }
}
