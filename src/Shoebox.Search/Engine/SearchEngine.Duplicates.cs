using Shoebox.Search.Duplicates;

namespace Shoebox.Search.Engine;

public sealed partial class SearchEngine
{
    /// <summary>The library's duplicate groups, with the engine's model refining them when the library has its vectors.</summary>
    public List<DuplicateGroup> FindDuplicates() => _catalog.Read(c => DuplicateFinder.Find(c, Model));

    /// <summary>
    /// Copies the others' keywords, tags, captions and albums onto the keeper of the group it leads; null when
    /// no group is led by that photo (so a stale page cannot merge into a photo no longer suggested).
    /// </summary>
    public int? MergeDuplicates(long keeperId) => _catalog.Read(c =>
    {
        var group = DuplicateFinder.Find(c, Model).FirstOrDefault(g => g.Keeper.Id == keeperId && g.Members.Count > 1);
        return group is null ? (int?)null : c.MergeTexts(keeperId, [.. group.Others.Select(m => m.Id)]);
    });
}
