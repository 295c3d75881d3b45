using Shoebox.Catalog;

namespace Shoebox.Indexing.Faces;

/// <summary>
/// Puts the faces not grouped yet into people and writes it to the catalog in one batch; then names carried over from
/// photo libraries (<see cref="ImportedPeople"/>). What grouped faces and the user decided is left as it is.
/// </summary>
public static class FaceGrouping
{
    /// <summary>Groups what is waiting; returns how many faces were placed.</summary>
    public static async Task<int> RunAsync(PhotoCatalog catalog, PeopleGrouper grouper)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(grouper);
        var faces = await catalog.Faces.LoadDescriptorsAsync();
        if (faces.All(f => f.PersonId is not null))
        {
            return 0;
        }
        var steps = grouper.Group(faces, await catalog.People.LoadApartAsync(), await catalog.People.NamedByUserAsync());
        var now = DateTimeOffset.UtcNow;
        var ids = new Dictionary<long, long>();
        long Id(long key) => key < 0 ? ids[key] : key;
        var placed = 0;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            foreach (var step in steps)
            {
                switch (step)
                {
                    case PersonStarted started:
                        ids[started.Key] = await catalog.People.CreateAsync(now);
                        break;
                    case FacePlaced face:
                        await catalog.Faces.AssignAsync(face.FaceId, Id(face.Person));
                        placed++;
                        break;
                    case PeopleMerged merged:
                        await catalog.People.MergeAsync(Id(merged.From), Id(merged.Into));
                        break;
                }
            }
            await catalog.People.RefreshNamesAsync([.. steps.OfType<FacePlaced>().Select(f => Id(f.Person)).Distinct()]);
            await ImportedPeople.NameAsync(catalog);
            await batch.CommitAsync();
        }
        return placed;
    }
}
