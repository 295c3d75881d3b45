using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// A photo's preview file, made when the photo is first shown rather than for every photo at index time; shared by
/// the photo's own preview and the face crops cut from it.
/// </summary>
internal static class Previews
{
    /// <summary>Whether the preview at <paramref name="path"/> is there, made now if missing; false when none of the photo's files can be read.</summary>
    public static async Task<bool> EnsureAsync(SearchEngine engine, PreviewMaker previews, long photoId, ContentHash hash, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            try
            {
                await previews.EnsureAsync(hash, (await engine.ExistingLocationsAsync(photoId)).Select(StoredLocations.AsStored), cancellationToken);
            }
            catch (BadImageException)
            {
                // As for a photo indexing could not decode: no preview, said by the caller.
            }
        }
        return File.Exists(path);
    }
}
