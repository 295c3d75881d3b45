using System.Formats.Tar;
using System.IO.Compression;

namespace Shoebox.Sources;

/// <summary>
/// Reads entries of .zip, .tar, .tgz and .tar.gz archives in place. A zip entry is found through the central
/// directory; a tar has no index and a gzip stream cannot seek, so tar entries are read by one pass from the start,
/// which is why callers ask for many entries at once (<see cref="ReadInOrder"/>).
/// </summary>
public static class ArchiveReader
{
    public static bool IsArchive(string path) =>
        path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || IsTar(path);

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
    /// Every entry of <paramref name="archive"/> named in <paramref name="wanted"/>, in the archive's order, each
    /// stream valid until the next is asked for (dispose it or not; the pass owns it).
    /// </summary>
    public static IEnumerable<(string Entry, Stream Data)> ReadInOrder(string archive, IReadOnlySet<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(wanted);
        return IsTar(archive) ? ReadTar(archive, wanted) : ReadZip(archive, wanted);
    }

    private static bool IsTar(string path) =>
        path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<(string, Stream)> ReadZip(string archive, IReadOnlySet<string> wanted)
    {
        using var zip = ZipFile.OpenRead(archive);
        foreach (var entry in zip.Entries)
        {
            if (wanted.Contains(entry.FullName))
            {
                using var data = entry.Open();
                yield return (entry.FullName, data);
            }
        }
    }

    private static IEnumerable<(string, Stream)> ReadTar(string archive, IReadOnlySet<string> wanted)
    {
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        using Stream plain = archive.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? file : new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(plain);
        var remaining = wanted.Count;
        while (remaining > 0 && reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data && wanted.Contains(entry.Name))
            {
                remaining--;
                yield return (entry.Name, data);
            }
        }
    }
}
