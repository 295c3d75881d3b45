namespace Shoebox.Catalog;

public sealed partial class CatalogBatch
{
    /// <summary>
    /// Whether <paramref name="worker"/> still holds its claim on the photo, locking the photo's row until the batch
    /// ends: a worker whose lease another worker took over writes nothing, and no claim can slip in between.
    /// </summary>
    public bool HoldsClaim(long photoId, string worker) => Guard(() => (int)Run(
        "UPDATE photos SET claimed_by = claimed_by WHERE id = @id AND claimed_by = @worker",
        c =>
        {
            c.Bind("@id", photoId);
            c.Bind("@worker", worker);
        })! == 1);
}
