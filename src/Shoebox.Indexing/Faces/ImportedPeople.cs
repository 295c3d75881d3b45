using Shoebox.Catalog;

namespace Shoebox.Indexing.Faces;

/// <summary>
/// Names from Lightroom, Photos and Takeout (texts of kind 'person' on the photos they named) carried over to the people
/// found: a person most of whose photos carry one imported name, on at least two of them, gets it, unless the user
/// named them. The photo libraries name photos, not faces, so a name on half a person's photos or fewer proves nothing.
/// </summary>
public static class ImportedPeople
{
    private const int FewestPhotos = 2;

    public static async Task<int> NameAsync(PhotoCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var named = 0;
        var names = await catalog.People.ImportedNamesAsync();
        foreach (var best in names.GroupBy(n => n.PersonId).Select(g => g.First()))
        {
            if (best.Photos >= FewestPhotos && best.Photos * 2 > best.PersonPhotos
                && await catalog.People.NameFromImportAsync(best.PersonId, best.Name))
            {
                named++;
            }
        }
        return named;
    }
}
