namespace Shoebox.Catalog;

public sealed partial class CatalogBatch
{
    /// <summary>
    /// Sets what one source says of a kind about the photo itself (not about one of its files), replacing what that
    /// source said before: a model's new caption replaces its old one, other models' captions stay.
    /// </summary>
    public void ReplacePhotoText(long photoId, string kind, string source, string content) => Guard(() =>
    {
        Run("DELETE FROM texts WHERE photo_id = $photo AND kind = $kind AND source = $source AND location_id IS NULL", c =>
        {
            c.Parameters.AddWithValue("$photo", photoId);
            c.Parameters.AddWithValue("$kind", kind);
            c.Parameters.AddWithValue("$source", source);
        });
        Run("INSERT INTO texts (photo_id, kind, source, content) VALUES ($photo, $kind, $source, $content)", c =>
        {
            c.Parameters.AddWithValue("$photo", photoId);
            c.Parameters.AddWithValue("$kind", kind);
            c.Parameters.AddWithValue("$source", source);
            c.Parameters.AddWithValue("$content", content);
        });
    });
}
