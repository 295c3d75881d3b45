using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;

namespace Shoebox.Indexing;

/// <summary>A pending photo and the file its bytes are read from; <see cref="Temporary"/> files are deleted after use.</summary>
internal sealed record Readable(PendingPhoto Photo, string File, bool Temporary)
{
    /// <summary>Why the bytes could not be made readable (an archive entry that cannot be spooled): the photo's stages fail with it.</summary>
    public string? Failure { get; init; }

    public static Readable Failed(PendingPhoto photo, string reason) => new(photo, "", Temporary: false) { Failure = reason };
}

/// <summary>
/// Turns pending photos into files the decoders can open. Most are read where they are; a stand-in is read in
/// its original's place; entries of a Takeout archive are copied one at a time into the library's spool folder
/// (the decoders need a file, and a .tgz can only be read from its start), each archive in one pass, so the
/// archive is never unpacked as a whole and at most the channel's capacity of entries is on disk at once.
/// </summary>
internal sealed class ContentSpool(string libraryFolder, string? owner = null)
{
    // Left free beside an entry: the catalog and the thumbnails are written to the same disk.
    private const long Headroom = 1 << 20;

    private const int DiskFull = 28; // ENOSPC

    // Workers sharing a library folder each spool into a folder of their own, which no other clears.
    private readonly string _folder = Path.Combine(libraryFolder, owner is null ? "spool" : $"spool-{owner}");

    /// <summary>Photos with a file of their own first, then archive entries grouped by archive.</summary>
    public IEnumerable<Readable> Prepare(IReadOnlyList<PendingPhoto> pending, CancellationToken cancellationToken)
    {
        var inArchives = new Dictionary<string, Dictionary<string, PendingPhoto>>(StringComparer.Ordinal);
        foreach (var photo in pending)
        {
            switch (photo.Content)
            {
                case ArchiveEntry entry:
                    if (!inArchives.TryGetValue(entry.Archive, out var wanted))
                    {
                        inArchives[entry.Archive] = wanted = new Dictionary<string, PendingPhoto>(StringComparer.Ordinal);
                    }
                    wanted.TryAdd(entry.Entry, photo);
                    break;
                case StandIn standIn:
                    yield return new Readable(photo, standIn.File, Temporary: false);
                    break;
                default:
                    yield return new Readable(photo, photo.Path, Temporary: false);
                    break;
            }
        }
        if (inArchives.Count == 0)
        {
            yield break;
        }
        try
        {
            Directory.CreateDirectory(_folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LibraryUnavailableException($"The library cannot be written (making the spool folder {_folder}): {e.Message}", e);
        }
        foreach (var (archive, wanted) in inArchives)
        {
            foreach (var readable in Spool(archive, wanted, cancellationToken))
            {
                yield return readable;
            }
        }
    }

    /// <summary>Removes whatever an interrupted run left in the spool folder.</summary>
    public void Clear()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // An archive that cannot be read leaves its photos pending: the next scan reports what is wrong with it. An entry
    // that cannot be spooled fails alone, and the others go on.
    private IEnumerable<Readable> Spool(string archive, Dictionary<string, PendingPhoto> wanted, CancellationToken cancellationToken)
    {
        using var entries = Entries(archive, wanted.Keys.ToHashSet(StringComparer.Ordinal)).GetEnumerator();
        while (!cancellationToken.IsCancellationRequested)
        {
            (ArchiveItem Item, Stream Data) next;
            try
            {
                if (!entries.MoveNext())
                {
                    yield break;
                }
                next = entries.Current;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                yield break;
            }
            var photo = wanted[next.Item.Name];
            if (next.Item.Refused is { } refused)
            {
                yield return Readable.Failed(photo, $"the archive entry is not read: {refused}");
                continue;
            }
            if (Room() is { } free && free < next.Item.Length + Headroom)
            {
                yield return Readable.Failed(photo, $"the archive entry ({Megabytes(next.Item.Length)}) does not fit in the spool folder {_folder} ({Megabytes(free)} free); free some space and run with --retry-failed");
                continue;
            }
            var file = Path.Combine(_folder, $"{photo.PhotoId}{Path.GetExtension(next.Item.Name)}");
            var copied = Copy(next.Data, file, next.Item.Length, photo.ModifiedTicks);
            if (copied is null)
            {
                yield return new Readable(photo, file, Temporary: true);
            }
            else if (copied.Length > 0)
            {
                yield return Readable.Failed(photo, copied);
            }
        }
    }

    private long? Room()
    {
        try
        {
            return new DriveInfo(_folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // unknown: the copy itself says when the disk is full
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.#} MB";

    // Null when copied; "" when the entry is damaged (it stays pending: the next scan reports it); else why it failed.
    private static string? Copy(Stream data, string file, long length, long modifiedTicks)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        try
        {
            using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read))
            {
                int read;
                while ((read = ReadEntry(data, buffer)) > 0)
                {
                    total += read;
                    if (total > length)
                    {
                        throw new InvalidDataException("the entry holds more than the archive says");
                    }
                    output.Write(buffer, 0, read);
                }
            }
            // The processor checks that the bytes are those hashed: same size, and the entry's time stands for the file's.
            File.SetLastWriteTimeUtc(file, new DateTime(modifiedTicks, DateTimeKind.Utc));
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            TryDelete(file);
            return ""; // a damaged entry stays pending, and the next scan says what is wrong; a tar ends at the damage
        }
        catch (IOException e) when ((e.HResult & 0xFFFF) == DiskFull)
        {
            TryDelete(file);
            return $"the disk holding the library filled up while the archive entry was copied to {file} ({Megabytes(length)}); free some space and run with --retry-failed";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(file);
            throw new LibraryUnavailableException($"The library cannot be written (copying an archive entry to {file}): {e.Message}. Choose a writable folder with --library.", e);
        }
    }

    // A read error is the archive's (damage), not the library's: told apart from errors writing the copy.
    private static int ReadEntry(Stream data, byte[] buffer)
    {
        try
        {
            return data.Read(buffer, 0, buffer.Length);
        }
        catch (IOException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleared with the spool folder at the next run.
        }
    }

    private static IEnumerable<(ArchiveItem Item, Stream Data)> Entries(string archive, IReadOnlySet<string> wanted) =>
        File.Exists(archive) ? ArchiveReader.ReadInOrder(archive, wanted) : [];
}
