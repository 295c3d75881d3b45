using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;

namespace Shoebox.Indexing;

/// <summary>A pending photo and the file its bytes are read from; <see cref="Temporary"/> files are deleted after use.</summary>
internal sealed record Readable(PendingPhoto Photo, string File, bool Temporary);

/// <summary>
/// Turns pending photos into files the decoders can open. Most are read where they are; a stand-in is read in
/// its original's place; entries of a Takeout archive are copied one at a time into the library's spool folder
/// (the decoders need a file, and a .tgz can only be read from its start), each archive in one pass, so the
/// archive is never unpacked as a whole and at most the channel's capacity of entries is on disk at once.
/// </summary>
internal sealed class ContentSpool(string libraryFolder, string? owner = null)
{
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
        Directory.CreateDirectory(_folder);
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

    // An archive that cannot be read leaves its photos pending: the next scan reports what is wrong with it.
    private IEnumerable<Readable> Spool(string archive, Dictionary<string, PendingPhoto> wanted, CancellationToken cancellationToken)
    {
        using var entries = Entries(archive, wanted.Keys.ToHashSet(StringComparer.Ordinal)).GetEnumerator();
        while (!cancellationToken.IsCancellationRequested)
        {
            (string Entry, Stream Data) next;
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
            var photo = wanted[next.Entry];
            var file = Path.Combine(_folder, $"{photo.PhotoId}{Path.GetExtension(next.Entry)}");
            if (Copy(next.Data, file, photo.ModifiedTicks))
            {
                yield return new Readable(photo, file, Temporary: true);
            }
        }
    }

    private static bool Copy(Stream data, string file, long modifiedTicks)
    {
        try
        {
            using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read))
            {
                data.CopyTo(output);
            }
            // The processor checks that the bytes are those hashed: same size, and the entry's time stands for the file's.
            File.SetLastWriteTimeUtc(file, new DateTime(modifiedTicks, DateTimeKind.Utc));
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            File.Delete(file);
            return false; // a damaged entry stays pending, and the next scan says what is wrong; a tar ends at the damage
        }
    }

    private static IEnumerable<(string Entry, Stream Data)> Entries(string archive, IReadOnlySet<string> wanted) =>
        File.Exists(archive) ? ArchiveReader.ReadInOrder(archive, wanted) : [];
}
