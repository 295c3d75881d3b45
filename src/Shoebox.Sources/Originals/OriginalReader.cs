using System.Security.Cryptography;
using Shoebox.Core;

namespace Shoebox.Sources.Originals;

/// <summary>A place the catalog has a photo at, with the size and modification time it had when it was read.</summary>
public sealed record StoredLocation(string Path, ContentRef? Content, long Size, long ModifiedTicks);

/// <summary>
/// Opens a photo's original from where the catalog says it is: its own file, an archive entry, a stand-in preview.
/// What is there now is served only while it is still what was indexed: a file replaced since (by another picture,
/// or by a link to a private file) is not the photo any more.
/// </summary>
public static class OriginalReader
{
    /// <summary>
    /// A seekable stream of the first location that holds the photo's bytes: the file itself, then an archive entry
    /// (streamed, never held in memory), then a stand-in preview. A file or entry with the size and time recorded is
    /// taken as it is; one that differs, or a path that is a symbolic link now, only when its SHA-256 is still
    /// <paramref name="hash"/>. Null when no location holds them.
    /// </summary>
    public static async Task<Stream?> OpenAsync(IEnumerable<StoredLocation> locations, ContentHash hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locations);
        foreach (var location in locations.OrderBy(l => l.Content switch { null => 0, ArchiveEntry => 1, _ => 2 }))
        {
            var opened = location.Content switch
            {
                null => await CheckedAsync(() => OpenFile(location), location.Path, location, hash, cancellationToken),
                ArchiveEntry entry => await CheckedAsync(() => OpenEntry(entry), entry.Archive, location, hash, cancellationToken),
                // Stand-ins are written by Shoebox into the library's own folder, like thumbnails.
                StandIn standIn when File.Exists(standIn.File) => Open(standIn.File),
                _ => null,
            };
            if (opened is not null)
            {
                return opened;
            }
        }
        return null;
    }

    private static (Stream Stream, long ModifiedTicks) OpenFile(StoredLocation location)
    {
        var stream = Open(location.Path);
        return (stream, File.GetLastWriteTimeUtc(stream.SafeFileHandle).Ticks);
    }

    private static (Stream Stream, long ModifiedTicks) OpenEntry(ArchiveEntry entry)
    {
        var stream = ArchiveReader.OpenEntry(entry);
        return (stream, stream.ModifiedTicks);
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);

    private static async Task<Stream?> CheckedAsync(
        Func<(Stream Stream, long ModifiedTicks)> open, string onDisk, StoredLocation location, ContentHash hash, CancellationToken cancellationToken)
    {
        Stream stream;
        long modified;
        try
        {
            (stream, modified) = open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // gone, unreadable, damaged or rewritten: try the next location
        }
        try
        {
            if (stream.Length != location.Size)
            {
                return Reject(stream); // other bytes for sure
            }
            if (modified == location.ModifiedTicks && new FileInfo(onDisk).LinkTarget is null)
            {
                return stream;
            }
            // Touched, or reached through a link now: its bytes decide.
            var now = await SHA256.HashDataAsync(stream, cancellationToken);
            if (!now.AsSpan().SequenceEqual(hash.Bytes))
            {
                return Reject(stream);
            }
            stream.Position = 0;
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Reject(stream);
        }
    }

    private static Stream? Reject(Stream stream)
    {
        stream.Dispose();
        return null;
    }
}
