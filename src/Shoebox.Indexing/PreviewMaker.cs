using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Sources.Originals;

namespace Shoebox.Indexing;

/// <summary>
/// Makes a photo's preview thumbnail (1280 px) when it is first wanted (the photo page, captions) rather than for every
/// photo at index time: most photos of a large library are never opened, and the preview is the largest decode and
/// file indexing would make. A 12 MP JPEG takes well under the 300 ms a page may wait (shrink-on-load).
/// </summary>
public sealed class PreviewMaker(ThumbnailStore thumbnails, ImageDecoder decoder)
{
    /// <summary>
    /// The preview's path, made now from the first of <paramref name="locations"/> that still holds the photo as it was
    /// indexed (the original, else a stand-in preview of it; the same check as serving the original, so a file replaced
    /// since, or swapped for a link, is never shown); null when none does (an archive entry's preview is made at index
    /// time).
    /// </summary>
    /// <exception cref="BadImageException">The file cannot be decoded.</exception>
    public async Task<string?> EnsureAsync(ContentHash hash, IEnumerable<StoredLocation> locations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var path = thumbnails.PathOf(hash, ThumbnailSize.Preview);
        if (thumbnails.HasPreview(hash))
        {
            return path;
        }
        foreach (var location in locations.Where(l => l.Content is null or StandIn).OrderBy(l => l.Content is null ? 0 : 1))
        {
            await using (var checkedOriginal = await OriginalReader.OpenAsync([location], hash, cancellationToken))
            {
                if (checkedOriginal is null)
                {
                    continue;
                }
            }
            var file = location.Content is StandIn standIn ? standIn.File : location.Path;
            var preview = await Task.Run(() => decoder.Decode(file, (int)ThumbnailSize.Preview, Fit.Within), cancellationToken);
            thumbnails.WritePreview(hash, preview);
            return path;
        }
        return null;
    }
}
