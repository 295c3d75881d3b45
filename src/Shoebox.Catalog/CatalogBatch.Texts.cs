namespace Shoebox.Catalog;

/// <summary>Words attached to photos (texts), written by every stage and source through the same two statements.</summary>
public sealed partial class CatalogBatch
{
    /// <summary>
    /// Sets what one source says of a kind about the photo itself (not about one of its files), replacing what that
    /// source said before: a model's new caption replaces its old one, other models' captions stay.
    /// </summary>
    public void ReplacePhotoText(long photoId, string kind, string source, string content) => Guard(() =>
    {
        RemovePhotoTexts(photoId, kind, source);
        AddText(photoId, kind, source, content, details: null, locationId: null);
    });

    // Texts about the photo itself (not said of one of its locations), of one kind, from one source or (null) any.
    private void RemovePhotoTexts(long photoId, string kind, string? source) => Run(
        "DELETE FROM texts WHERE photo_id = @photo AND kind = @kind AND source = coalesce(@source, source) AND location_id IS NULL",
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@kind", kind);
            c.Bind("@source", (object?)source ?? DBNull.Value);
        });

    private void AddText(long photoId, string kind, string source, string content, string? details, long? locationId) => Run(
        "INSERT INTO texts (photo_id, kind, source, content, details, location_id) VALUES (@photo, @kind, @source, @content, @details, @location)",
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@kind", kind);
            c.Bind("@source", source);
            c.Bind("@content", content);
            c.Bind("@details", (object?)details ?? DBNull.Value);
            c.Bind("@location", (object?)locationId ?? DBNull.Value);
        });
}
