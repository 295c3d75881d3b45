using Shoebox.Core;

namespace Shoebox.Sources.Originals;

/// <summary>A photo's bytes as they can be read now: a file on disk, or a stream of an archive entry's bytes.</summary>
public sealed record Original(string? File, Stream? Stream);

/// <summary>Opens a photo's original from where the catalog says it is: its own file, an archive entry, a stand-in preview.</summary>
public static class OriginalReader
{
    /// <summary>
    /// The first location that can be read: the file itself, then an archive entry (still the original's bytes), then a
    /// stand-in preview. Null when none can.
    /// </summary>
    public static Original? Open(IEnumerable<(string Path, ContentRef? Content)> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        foreach (var (path, content) in locations.OrderBy(l => l.Content switch { null => 0, ArchiveEntry => 1, _ => 2 }))
        {
            switch (content)
            {
                case null when System.IO.File.Exists(path):
                    return new Original(path, null);
                case ArchiveEntry entry when System.IO.File.Exists(entry.Archive):
                    try
                    {
                        return new Original(null, ArchiveReader.ReadEntry(entry));
                    }
                    catch (Exception e) when (e is IOException or InvalidDataException)
                    {
                        continue; // damaged or rewritten archive: try the next location
                    }
                case StandIn standIn when System.IO.File.Exists(standIn.File):
                    return new Original(standIn.File, null);
            }
        }
        return null;
    }
}
