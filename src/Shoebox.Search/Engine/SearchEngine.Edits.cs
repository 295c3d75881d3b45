using Shoebox.Catalog;
using Shoebox.Search.Duplicates;

namespace Shoebox.Search.Engine;

/// <summary>What the app changes through the engine: tags, and duplicates (merged into their keeper, the keeper chosen, photos kept apart).</summary>
public sealed partial class SearchEngine
{
    /// <summary>The photo's tags, the user's first; null when there is no such photo or none of its files exists.</summary>
    public Task<List<PhotoTag>?> TagsOfAsync(long photoId) => _catalogs.WithAsync(async catalog =>
        await catalog.Photos.FindAsync(photoId) is not { IsMissing: false } ? null : await catalog.Tags.OfPhotoAsync(photoId));

    /// <summary>Puts the user's tag on the photo; returns its tags after, or null when there is no such photo or none of its files exists.</summary>
    /// <exception cref="ArgumentException">The tag is empty or too long.</exception>
    public Task<List<PhotoTag>?> AddTagAsync(long photoId, string tag) => EditTagsAsync(photoId, catalog => catalog.Tags.AddUserAsync(photoId, tag));

    /// <summary>Takes the tag off the photo for good (taggers skip it from now on); returns its tags after, or null.</summary>
    public Task<List<PhotoTag>?> RemoveTagAsync(long photoId, string tag) =>
        EditTagsAsync(photoId, catalog => catalog.Tags.RemoveAsync(photoId, tag, DateTimeOffset.UtcNow));

    private async Task<List<PhotoTag>?> EditTagsAsync(long photoId, Func<PhotoCatalog, Task<bool>> edit)
    {
        var tags = await _catalogs.WithAsync(async catalog =>
        {
            // A photo none of whose files exists is not shown anywhere, so it is not edited either.
            if (await catalog.Photos.FindAsync(photoId) is not { IsMissing: false })
            {
                return null;
            }
            await edit(catalog);
            return await catalog.Tags.OfPhotoAsync(photoId);
        });
        _filters.Clear(); // tag: filters remembered before the edit would still answer without it
        _duplicates.Clear(); // a tag counts towards the metadata a keeper is chosen by
        return tags;
    }

    /// <summary>
    /// The library's duplicate groups, with the engine's model refining them when the library has its vectors;
    /// remembered until <see cref="RefreshAsync"/> or a decision about them.
    /// </summary>
    public Task<List<DuplicateGroup>> FindDuplicatesAsync() =>
        _duplicates.GetAsync(() => _catalogs.WithAsync(catalog => DuplicateFinder.FindAsync(catalog, Model, inspector: _copies)));

    /// <summary>
    /// Copies the others' keywords, tags, captions and albums onto the keeper of the group it leads; null when
    /// no group is led by that photo (so a stale page cannot merge into a photo no longer suggested).
    /// </summary>
    public async Task<int?> MergeDuplicatesAsync(long keeperId)
    {
        var group = (await FindDuplicatesAsync()).FirstOrDefault(g => g.Keeper.Id == keeperId && g.Members.Count > 1);
        if (group is null)
        {
            return null;
        }
        var added = await _catalogs.WithAsync(catalog => catalog.Duplicates.MergeTextsAsync(keeperId, [.. group.Others.Select(m => m.Id)]));
        _duplicates.Clear(); // the keeper's metadata grew
        return added;
    }

    /// <summary>Makes the photo the keeper of its group, for good; the group as it is now, or null when the photo is in no group.</summary>
    public async Task<DuplicateGroup?> ChooseKeeperAsync(long photoId)
    {
        var groups = await FindDuplicatesAsync();
        var group = await _catalogs.WithAsync(catalog => DuplicateChoices.ChooseKeeperAsync(catalog, Model, photoId, _copies, groups));
        _duplicates.Clear();
        return group;
    }

    /// <summary>Says the photo (or, with <paramref name="wholeGroup"/>, every photo of its group) is no duplicate of the others; null when it is in no group.</summary>
    public async Task<DuplicateGroup?> KeepApartAsync(long photoId, bool wholeGroup)
    {
        var groups = await FindDuplicatesAsync();
        var group = await _catalogs.WithAsync(catalog => DuplicateChoices.KeepApartAsync(catalog, Model, photoId, wholeGroup, _copies, groups));
        _duplicates.Clear();
        return group;
    }
}
