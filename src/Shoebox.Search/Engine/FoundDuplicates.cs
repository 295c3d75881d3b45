using Shoebox.Search.Duplicates;

namespace Shoebox.Search.Engine;

/// <summary>
/// The library's duplicate groups, found once and remembered until the catalog changes or the user decides about a
/// group: every page of the review and every decision would find them again otherwise, a whole pass over the
/// library's prints, texts and files (seconds at 100,000 photos).
/// </summary>
internal sealed class FoundDuplicates
{
    private readonly Lock _lock = new();
    private Task<List<DuplicateGroup>>? _found;

    /// <summary>The groups remembered, or those <paramref name="find"/> finds now (once, however many ask at the same time).</summary>
    public Task<List<DuplicateGroup>> GetAsync(Func<Task<List<DuplicateGroup>>> find)
    {
        lock (_lock)
        {
            // A find that failed is not remembered: the next asks again.
            if (_found is null || _found.IsFaulted || _found.IsCanceled)
            {
                _found = find();
            }
            return _found;
        }
    }

    /// <summary>Forgets the groups: photos were added, changed or removed, or a decision changed a group.</summary>
    /// <remarks>A find already running is forgotten too: it may have read the catalog before the change.</remarks>
    public void Clear()
    {
        lock (_lock)
        {
            _found = null;
        }
    }
}
