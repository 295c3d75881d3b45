using Shoebox.Catalog;

namespace Shoebox.Search.Engine;

public sealed partial class SearchEngine
{
    /// <summary>The photo's tags, the user's first; null when there is no such photo.</summary>
    public List<PhotoTag>? TagsOf(long photoId) => _catalog.Read(c =>
        c.LoadPhotos([photoId]).ContainsKey(photoId) ? c.ListTagsOf(photoId) : null);

    /// <summary>Puts the user's tag on the photo; returns its tags after, or null when there is no such photo.</summary>
    public List<PhotoTag>? AddTag(long photoId, string tag) => EditTags(photoId, batch => batch.AddUserTag(photoId, tag));

    /// <summary>Takes the tag off the photo for good (taggers skip it from now on); returns its tags after, or null.</summary>
    public List<PhotoTag>? RemoveTag(long photoId, string tag) => EditTags(photoId, batch => batch.RemoveTag(photoId, tag, DateTimeOffset.UtcNow));

    private List<PhotoTag>? EditTags(long photoId, Func<CatalogBatch, bool> edit)
    {
        var tags = _catalog.Read(c =>
        {
            if (!c.LoadPhotos([photoId]).ContainsKey(photoId))
            {
                return null;
            }
            using (var batch = c.BeginBatch())
            {
                edit(batch);
                batch.Commit();
            }
            return c.ListTagsOf(photoId);
        });
        _filters.Clear(); // tag: filters remembered before the edit would still answer without it
        return tags;
    }
}
