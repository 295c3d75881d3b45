using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Indexing;

/// <summary>
/// Makes a photo's preview thumbnail (1280 px) when it is first wanted (the photo page, captions) rather than for every
/// photo at index time: most photos of a large library are never opened, and the preview is the largest decode and
/// file indexing would make. A 12 MP JPEG takes well under the 300 ms a page may wait (shrink-on-load).
/// </summary>
public sealed class PreviewMaker(ThumbnailStore thumbnails, ImageDecoder decoder)
{
    /// <summary>
    /// The preview's path, made now from the first of <paramref name="locations"/> that is a readable file (the
    /// original, else a stand-in preview of it); null when none is (an archive entry's preview is made at index time).
    /// </summary>
    /// <exception cref="BadImageException">The file cannot be decoded.</exception>
    public string? Ensure(ContentHash hash, IEnumerable<(string Path, ContentRef? Content)> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var path = thumbnails.PathOf(hash, ThumbnailSize.Preview);
        if (File.Exists(path))
        {
            return path;
        }
        var file = locations
            .OrderBy(l => l.Content is null ? 0 : 1) // the original itself before any stand-in
            .Select(l => l.Content switch { null => l.Path, StandIn standIn => standIn.File, _ => null })
            .FirstOrDefault(candidate => candidate is not null && File.Exists(candidate));
        if (file is null)
        {
            return null;
        }
        thumbnails.WritePreview(hash, decoder.Decode(file, (int)ThumbnailSize.Preview, Fit.Within));
        return path;
    }
}
