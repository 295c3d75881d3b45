using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// The user's word on a group, kept in the catalog so that every later find respects it: which photo to keep, and
/// photos that are not duplicates (one left out of its group, or a whole group). The CLI and the web app both go
/// through here.
/// </summary>
public static class DuplicateChoices
{
    /// <summary>Makes the photo its group's keeper; returns the group as it is now, or null when the photo is in no group of near-duplicates.</summary>
    /// <param name="groups">The library's groups as found last (the web app remembers them); null finds them.</param>
    public static async Task<DuplicateGroup?> ChooseKeeperAsync(
        PhotoCatalog catalog, ModelIdentity? model, long photoId, CopyInspector? inspector = null, IReadOnlyList<DuplicateGroup>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (await GroupOfAsync(catalog, model, photoId, inspector, groups) is not { } group)
        {
            return null;
        }
        var members = group.Members.Select(m => m.Id).ToList();
        await catalog.Duplicates.ChooseKeeperAsync(photoId, members, DateTimeOffset.UtcNow);
        // A keeper changes no group's members: only this one's order and words are found again.
        return (await DuplicateFinder.FindAmongAsync(catalog, model, members, inspector)).FirstOrDefault(g => g.Members.Any(m => m.Id == photoId));
    }

    /// <summary>
    /// Says the photo is not a duplicate of the others of its group (with <paramref name="wholeGroup"/>, that no photo
    /// of its group is a duplicate of another); returns the group it was in, or null when it was in none.
    /// </summary>
    /// <param name="groups">The library's groups as found last (the web app remembers them); null finds them.</param>
    public static async Task<DuplicateGroup?> KeepApartAsync(
        PhotoCatalog catalog, ModelIdentity? model, long photoId, bool wholeGroup, CopyInspector? inspector = null, IReadOnlyList<DuplicateGroup>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (await GroupOfAsync(catalog, model, photoId, inspector, groups) is not { } group)
        {
            return null;
        }
        var ids = group.Members.Select(m => m.Id).ToList();
        var pairs = wholeGroup
            ? ids.SelectMany((a, i) => ids.Skip(i + 1).Select(b => (a, b)))
            : ids.Where(id => id != photoId).Select(other => (photoId, other));
        await catalog.Duplicates.KeepApartAsync([.. pairs], DateTimeOffset.UtcNow);
        return group;
    }

    private static async Task<DuplicateGroup?> GroupOfAsync(
        PhotoCatalog catalog, ModelIdentity? model, long photoId, CopyInspector? inspector, IReadOnlyList<DuplicateGroup>? groups) =>
        (groups ?? await DuplicateFinder.FindAsync(catalog, model, inspector: inspector)).FirstOrDefault(g => g.Kind == "near" && g.Members.Any(m => m.Id == photoId));
}
