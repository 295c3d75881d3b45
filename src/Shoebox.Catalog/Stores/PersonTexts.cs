namespace Shoebox.Catalog.Stores;

/// <summary>
/// The names of the people in a photo, kept as texts of kind 'person' (source 'faces') beside the people photo libraries
/// named: so a name is a word that finds the photo, and person:NAME finds photos named either way.
/// </summary>
internal sealed class PersonTexts(CatalogSession session)
{
    public const string Kind = "person";
    public const string Source = "faces";

    private SqlDialect Dialect => session.Dialect;

    /// <summary>Writes again the person texts of these photos from their faces.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> photoIds)
    {
        if (photoIds.Count == 0)
        {
            return;
        }
        await session.ExecuteAsync(
            $"DELETE FROM texts WHERE kind = '{Kind}' AND source = '{Source}' AND {Dialect.InList("photo_id", "@photos")}",
            c => c.Bind("@photos", Dialect.ListValue(photoIds)));
        await session.ExecuteAsync(
            $"""
            INSERT INTO texts (photo_id, kind, source, content)
            SELECT DISTINCT f.photo_id, '{Kind}', '{Source}', p.name FROM faces f JOIN people p ON p.id = f.person_id
            WHERE p.name IS NOT NULL AND {Dialect.InList("f.photo_id", "@photos")}
            """,
            c => c.Bind("@photos", Dialect.ListValue(photoIds)));
    }

    /// <summary>The photos with a face of these people.</summary>
    public Task<List<long>> PhotosOfAsync(params long[] people) => session.ListAsync(
        $"SELECT DISTINCT photo_id FROM faces WHERE {Dialect.InList("person_id", "@people")}",
        c => c.Bind("@people", Dialect.ListValue(people)),
        r => r.GetInt64(0));
}
