using Shoebox.Core;
using System.Formats.Tar;
using System.IO.Compression;

namespace Shoebox.Sources;

/// <summary>
/// One file inside an archive. <see cref="Open"/> is valid until the next entry is asked for. A zip entry stands
/// alone (<see cref="Independent"/>): one that cannot be read spoils no other, while damage in a tar ends it.
/// <see cref="Crc32"/> is the zip's checksum of the content, to be checked by whoever reads it all.
/// </summary>
public sealed record ArchiveItem(string Name, long Length, long ModifiedTicks, Func<Stream> Open, bool Independent, uint? Crc32 = null)
{
    /// <summary>
    /// Why the entry is never read, or null: a link, a name that could be taken for a place outside the archive, a
    /// size beyond <see cref="ArchiveReader.MaxEntryLength"/>. Listed so that it can be reported, like a damaged entry.
    /// </summary>
    public string? Refused { get; init; }
}

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
    /// The most one entry may hold. Entries are streamed, never held in memory, so this bounds the spool's disk and the
    /// time spent inflating one entry rather than memory: Google Photos itself takes no photo over 200 MB, and an
    /// archive can claim any size for an entry of a few bytes.
    /// </summary>
    public const long MaxEntryLength = 1L << 30;

    /// <summary>
    /// One entry's bytes, streamed from the archive in place (a zip entry inflated as it is read, a tar read up to it),
    /// seekable for range requests; the archive stays open until the stream is disposed.
    /// </summary>
    /// <exception cref="FileNotFoundException">The archive no longer holds the entry.</exception>
    /// <exception cref="InvalidDataException">The entry is refused (see <see cref="ArchiveItem.Refused"/>) or the archive is damaged.</exception>
    public static ArchiveEntryStream OpenEntry(ArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (data, owner, item) = Locate(entry);
        return new ArchiveEntryStream(item.Length, item.ModifiedTicks, () =>
        {
            var again = Locate(entry);
            return (again.Data, again.Owner);
        }, (data, owner));
    }

    // The entry's stream and what holds the archive open (the suspended listing: disposing it closes the files).
    private static (Stream Data, IDisposable Owner, ArchiveItem Item) Locate(ArchiveEntry entry)
    {
        var items = Files(entry.Archive).GetEnumerator();
        try
        {
            while (items.MoveNext())
            {
                var item = items.Current;
                if (item.Name != entry.Entry)
                {
                    continue;
                }
                if (item.Refused is { } refused)
                {
                    throw new InvalidDataException($"{entry.Entry} is not read: {refused}");
                }
                return (item.Open(), items, item);
            }
        }
        catch
        {
            items.Dispose();
            throw;
        }
        items.Dispose();
        throw new FileNotFoundException($"{entry.Archive} no longer holds {entry.Entry}", entry.Entry);
    }

    /// <summary>
    /// Every entry named in <paramref name="wanted"/>, in the archive's order, each stream valid until the next is
    /// asked for; a refused entry comes with an empty stream and its <see cref="ArchiveItem.Refused"/> reason. Stops
    /// reading once all are found.
    /// </summary>
    public static IEnumerable<(ArchiveItem Item, Stream Data)> ReadInOrder(string archive, IReadOnlySet<string> wanted)
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
                var data = item.Refused is null ? item.Open() : Stream.Null;
                try
                {
                    yield return (item, data);
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

    /// <summary>
    /// Regular files in archive order, with links and entries that must not be read marked <see cref="ArchiveItem.Refused"/>;
    /// damage surfaces as <see cref="InvalidDataException"/> or <see cref="IOException"/>.
    /// </summary>
    public static IEnumerable<ArchiveItem> Files(string path) => Detect(path) switch
    {
        Kind.Zip => ZipFiles(path),
        Kind.GzipTar => TarFiles(path, gzip: true),
        _ => TarFiles(path, gzip: false),
    };

    private const int UnixFileType = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

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
            // Zip tools on Unix keep the file's mode in the high half of the external attributes; a link's content is its target.
            var link = ((entry.ExternalAttributes >> 16) & UnixFileType) == UnixSymbolicLink ? "a symbolic link: links inside an archive are not followed" : null;
            yield return new ArchiveItem(entry.FullName, entry.Length, entry.LastWriteTime.UtcTicks, entry.Open, Independent: true, entry.Crc32)
            {
                Refused = link ?? Refusal(entry.FullName, entry.Length),
            };
        }
    }

    private static IEnumerable<ArchiveItem> TarFiles(string path, bool gzip)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var tar = new TarReader(stream);
        while (tar.GetNextEntry(copyData: false) is { } entry)
        {
            var refused = entry.EntryType switch
            {
                TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => Refusal(entry.Name, entry.Length),
                TarEntryType.SymbolicLink => $"a symbolic link (to {entry.LinkName}): links inside an archive are not followed",
                TarEntryType.HardLink => $"a hard link (to {entry.LinkName}): links inside an archive are not followed",
                _ => null,
            };
            if (refused is null && entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                continue; // folders, devices, pipes: nothing a photo could be
            }
            yield return new ArchiveItem(entry.Name, entry.Length, entry.ModificationTime.UtcTicks, () => entry.DataStream ?? Stream.Null, Independent: false)
            {
                Refused = refused,
            };
        }
    }

    // The catalog keeps "<archive>/<entry name>" as the photo's path: a name that climbs out (..) or starts at a root
    // would read as a real file elsewhere, so such entries are never catalogued.
    private static string? Refusal(string name, long length)
    {
        var tidy = name.Replace('\\', '/');
        if (tidy.Contains('\0', StringComparison.Ordinal))
        {
            return "its name holds a NUL character";
        }
        if (tidy.StartsWith('/') || (tidy.Length >= 2 && char.IsAsciiLetter(tidy[0]) && tidy[1] == ':'))
        {
            return "its name is an absolute path, which could be taken for a file outside the archive";
        }
        if (tidy.Split('/').Contains(".."))
        {
            return "its name climbs out of its folder (..), which could be taken for a file outside the archive";
        }
        return length > MaxEntryLength
            ? $"it holds {length:N0} bytes, more than the {MaxEntryLength >> 30} GiB an entry may be"
            : null;
    }
}
