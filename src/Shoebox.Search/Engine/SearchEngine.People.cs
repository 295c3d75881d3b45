using Shoebox.Catalog.Stores;

namespace Shoebox.Search.Engine;

/// <summary>A person and the photos they are in, each as a search result shows it.</summary>
public sealed record PersonPhotos(PersonSummary Person, IReadOnlyList<SearchResult> Photos);

/// <summary>People: listed, shown with their photos, and the user's word on them and on faces.</summary>
public sealed partial class SearchEngine
{
    /// <summary>Every person with a face: named first, then by how many photos they are in.</summary>
    public Task<List<PersonSummary>> PeopleAsync() => _catalogs.WithAsync(catalog => catalog.People.ListAsync());

    /// <summary>The person and their photos whose files exist; null when there is no such person.</summary>
    public Task<PersonPhotos?> PersonAsync(long id) => _catalogs.WithAsync(async catalog =>
    {
        if (await catalog.People.GetAsync(id) is not { } person)
        {
            return null;
        }
        var ids = await catalog.People.PhotosOfAsync(id);
        var photos = await catalog.Photos.LoadAsync(ids);
        var places = await catalog.Places.LoadDisplayAsync(ids);
        return new PersonPhotos(person, [.. ids.Select(photos.GetValueOrDefault).Where(p => p is { IsMissing: false })
            .Select(p => Results.Of(p!, 0, [], places.GetValueOrDefault(p!.Id)))]);
    });

    /// <summary>Names the person (null or blank: no name); the person after, or null when there is none.</summary>
    /// <exception cref="ArgumentException">The name is too long.</exception>
    public Task<PersonSummary?> NamePersonAsync(long id, string? name) =>
        EditPeopleAsync(async catalog => await catalog.People.NameAsync(id, name) ? await catalog.People.GetAsync(id) : null);

    /// <summary>Merges <paramref name="from"/> into <paramref name="into"/>; the person merged into, or null when either is missing.</summary>
    public Task<PersonSummary?> MergePeopleAsync(long from, long into) =>
        EditPeopleAsync(async catalog => await catalog.People.MergeAsync(from, into) ? await catalog.People.GetAsync(into) : null);

    /// <summary>Moves the face to the person (null: out of any person, for good); the face after, or null when the face or person is missing.</summary>
    public Task<StoredFace?> MoveFaceAsync(long faceId, long? personId) =>
        EditPeopleAsync(async catalog => await catalog.Faces.MoveAsync(faceId, personId, DateTimeOffset.UtcNow) ? await catalog.Faces.GetAsync(faceId) : null);

    /// <summary>Says the face is not one; false when there is no such face.</summary>
    public Task<bool> NotAFaceAsync(long faceId) => EditPeopleAsync(catalog => catalog.Faces.NotAFaceAsync(faceId));

    /// <summary>The person goes and their faces stay out of people for good; false when there is no such person.</summary>
    public Task<bool> ForgetPersonAsync(long id) => EditPeopleAsync(catalog => catalog.People.ForgetAsync(id));

    /// <summary>The faces of the photo, largest first; null when there is no such photo or none of its files exists.</summary>
    public Task<List<StoredFace>?> FacesOfAsync(long photoId) => _catalogs.WithAsync(async catalog =>
        await catalog.Photos.FindAsync(photoId) is not { IsMissing: false } ? null : await catalog.Faces.OfPhotoAsync(photoId));

    /// <summary>The face, or null when there is none (or it is not a face).</summary>
    public Task<StoredFace?> FaceAsync(long faceId) => _catalogs.WithAsync(async catalog =>
        await catalog.Faces.GetAsync(faceId) is { Decision: not FaceDecision.NotAFace } face ? face : null);

    private async Task<T> EditPeopleAsync<T>(Func<Catalog.PhotoCatalog, Task<T>> edit)
    {
        var result = await _catalogs.WithAsync(edit);
        _filters.Clear(); // person: filters remembered before the edit would answer without it
        return result;
    }
}
