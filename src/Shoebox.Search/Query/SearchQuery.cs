using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Search.Query;

/// <summary>
/// A parsed search: free text plus filters, as written in the syntax of <see cref="QuerySyntax.HelpText"/>.
/// </summary>
/// <remarks>
/// Dates are a half-open range on the photo's local taken time (the camera's wall clock, as in
/// <see cref="PhotoMetadata.TakenAt"/>): a photo matches when <c>After &lt;= taken &lt; Before</c>.
/// <c>after:X</c> sets <see cref="After"/> to the first moment of period X, so X itself is included;
/// <c>before:X</c> sets <see cref="Before"/> to the first moment of period X, so X itself is excluded.
/// <c>after:2019 before:2020-06</c> therefore means 2019-01-01 up to the end of May 2020.
/// Photos without a taken time never match a date filter.
/// </remarks>
public sealed record SearchQuery
{
    /// <summary>Positive words and phrases in the order they were written.</summary>
    public IReadOnlyList<QueryTerm> Terms { get; init; } = [];

    /// <summary>Words and -"phrases" the results must not be about.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Inclusive lower bound on the taken time.</summary>
    public DateTime? After { get; init; }

    /// <summary>Exclusive upper bound on the taken time.</summary>
    public DateTime? Before { get; init; }

    /// <summary>Fragments of camera make or model, matched case-insensitively; a photo needs any one of them.</summary>
    public IReadOnlyList<string> Cameras { get; init; } = [];

    public IReadOnlyList<string> ExcludedCameras { get; init; } = [];

    /// <summary>Fragments of a folder path or album name, matched case-insensitively; a photo needs any one of them.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    public IReadOnlyList<string> ExcludedFolders { get; init; } = [];

    /// <summary>File formats; a photo needs any one of them.</summary>
    public IReadOnlyList<ImageFormat> Types { get; init; } = [];

    public IReadOnlyList<ImageFormat> ExcludedTypes { get; init; } = [];

    /// <summary>Keywords or tags; a photo needs all of them.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> ExcludedKeywords { get; init; } = [];

    /// <summary>Place names (city, region, country, named place) as photo libraries record them; a photo needs any one.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    public IReadOnlyList<string> ExcludedPlaces { get; init; } = [];

    /// <summary>True for has:location (GPS coordinates known), false for -has:location, null when either will do.</summary>
    public bool? HasLocation { get; init; }

    /// <summary>True for has:text, false for -has:text, null when either will do.</summary>
    public bool? HasText { get; init; }

    /// <summary>Marks a photo library set (is:favorite, is:picked, is:rejected): all of these, none of the excluded.</summary>
    public IReadOnlyList<PhotoMark> Flags { get; init; } = [];

    public IReadOnlyList<PhotoMark> ExcludedFlags { get; init; } = [];

    /// <summary>rating:N, at least N stars in a photo library or sidecar.</summary>
    public int? MinRating { get; init; }

    public SortOrder Sort { get; init; } = SortOrder.Relevance;

    /// <summary>
    /// What was wrong with the input, one message per ignored token. Not part of the query's meaning,
    /// so equality leaves it out: a query and its canonical rewrite compare equal.
    /// </summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The positive free text, words and phrases joined by single spaces: what a text encoder embeds.</summary>
    public string Text => string.Join(' ', Terms.Select(t => t.Value));

    public IReadOnlyList<string> Phrases => [.. Terms.Where(t => t.IsPhrase).Select(t => t.Value)];

    public bool HasFilters =>
        After is not null || Before is not null || HasText is not null || HasLocation is not null
        || Flags.Count > 0 || ExcludedFlags.Count > 0 || MinRating is not null
        || Places.Count > 0 || ExcludedPlaces.Count > 0
        || Cameras.Count > 0 || ExcludedCameras.Count > 0
        || Folders.Count > 0 || ExcludedFolders.Count > 0
        || Types.Count > 0 || ExcludedTypes.Count > 0
        || Keywords.Count > 0 || ExcludedKeywords.Count > 0;

    /// <summary>Nothing to look for, nothing to filter by and no order asked for: show the library at random.</summary>
    public bool IsEmpty => Terms.Count == 0 && Excluded.Count == 0 && !HasFilters && Sort == SortOrder.Relevance;

    /// <summary>The canonical form of this query; <see cref="QueryParser.Parse"/> reads it back to an equal query.</summary>
    public override string ToString() => QueryFormatter.Format(this);

    public bool Equals(SearchQuery? other) =>
        other is not null
        && Terms.SequenceEqual(other.Terms)
        && Excluded.SequenceEqual(other.Excluded)
        && After == other.After
        && Before == other.Before
        && Cameras.SequenceEqual(other.Cameras)
        && ExcludedCameras.SequenceEqual(other.ExcludedCameras)
        && Folders.SequenceEqual(other.Folders)
        && ExcludedFolders.SequenceEqual(other.ExcludedFolders)
        && Types.SequenceEqual(other.Types)
        && ExcludedTypes.SequenceEqual(other.ExcludedTypes)
        && Keywords.SequenceEqual(other.Keywords)
        && ExcludedKeywords.SequenceEqual(other.ExcludedKeywords)
        && Places.SequenceEqual(other.Places)
        && ExcludedPlaces.SequenceEqual(other.ExcludedPlaces)
        && HasText == other.HasText
        && HasLocation == other.HasLocation
        && Flags.SequenceEqual(other.Flags)
        && ExcludedFlags.SequenceEqual(other.ExcludedFlags)
        && MinRating == other.MinRating
        && Sort == other.Sort;

    public override int GetHashCode() =>
        HashCode.Combine(Text, string.Join('\n', Excluded), After, Before, HasText, Sort,
            Cameras.Count + Folders.Count + Types.Count + Keywords.Count + Places.Count,
            ExcludedCameras.Count + ExcludedFolders.Count + ExcludedTypes.Count + ExcludedKeywords.Count);
}
