namespace Shoebox.Search.Duplicates;

/// <summary>How <see cref="DuplicateFinder"/> finds the pairs it checks: both give the same groups.</summary>
public enum DuplicateSearch
{
    /// <summary>Only pairs whose hashes are near, through <see cref="HammingIndex"/>.</summary>
    Indexed,

    /// <summary>Every pair of photos: quadratic, kept as the reference to measure against.</summary>
    AllPairs,
}
