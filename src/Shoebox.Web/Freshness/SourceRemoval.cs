using Shoebox.Catalog.Stores;
using Shoebox.Imaging;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Freshness;

/// <summary>
/// Takes a source off the library: kept, its photos stay searchable where they are and are no longer scanned;
/// forgotten, its locations go, and the photos no other location holds (with their thumbnails and vectors). Files on
/// disk are never touched. Holds the library's lock, as `shoebox prune` does: an index run must not link a photo
/// being forgotten.
/// </summary>
internal static class SourceRemoval
{
    /// <returns>How many photos were forgotten.</returns>
    /// <exception cref="Shoebox.Core.LibraryUnavailableException">Another process holds the library.</exception>
    public static async Task<int> RemoveAsync(SearchEngine engine, CatalogSource source, bool keepPhotos)
    {
        IReadOnlyList<Shoebox.Core.ContentHash> forgotten;
        using (engine.Library.Lock())
        {
            await using var catalog = await engine.Library.OpenExistingAsync();
            forgotten = await catalog.Sources.RemoveAsync(source, forgetPhotos: !keepPhotos);
        }
        var thumbnails = new ThumbnailStore(engine.Library.Folder);
        foreach (var hash in forgotten)
        {
            thumbnails.Delete(hash);
        }
        await engine.RefreshAsync();
        return forgotten.Count;
    }
}
