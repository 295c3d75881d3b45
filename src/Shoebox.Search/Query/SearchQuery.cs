using Shoebox.Core;

namespace Shoebox.Search.Query;

/// <summary>
/// A parsed search: free text plus filters, as written in the syntax of <see cref="QuerySyntax.HelpText"/>.
/// </summary>
/// <remarks>
/// Dates are a half-open range on the photo's local taken time (the camera's wall clock, as in
/// <see cref="PhotoMetadata.TakenAt"/>): a photo matches when <c>TakenFrom &lt;= taken &lt; TakenBefore</c>.
/// <c>after:X</c> sets <see cref="PhotoFilter.TakenFrom"/> to the first moment of period X, so X itself is included;
/// <c>before:X</c> sets <see cref="PhotoFilter.TakenBefore"/> to the first moment of period X, so X itself is excluded.
/// <c>after:2019 before:2020-06</c> therefore means 2019-01-01 up to the end of May 2020.
/// Photos without a taken time never match a date filter.
/// </remarks>
public sealed record SearchQuery
{
    /// <summary>Positive words and phrases in the order they were written.</summary>
    public IReadOnlyList<QueryTerm> Terms { get; init; } = [];

    /// <summary>Words and -"phrases" the results must not be about.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>What a photo must be to be shown at all (dates, camera, folder, type, tags, places, marks).</summary>
    public PhotoFilter Filter { get; init; } = PhotoFilter.None;

    public SortOrder Sort { get; init; } = SortOrder.Relevance;

    /// <summary>
    /// What was wrong with the input, one message per ignored token. Not part of the query's meaning,
    /// so equality leaves it out: a query and its canonical rewrite compare equal.
    /// </summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The positive free text, words and phrases joined by single spaces: what a text encoder embeds.</summary>
    public string Text => string.Join(' ', Terms.Select(t => t.Value));

    public IReadOnlyList<string> Phrases => [.. Terms.Where(t => t.IsPhrase).Select(t => t.Value)];

    public bool HasFilters => !Filter.IsEmpty;

    /// <summary>Nothing to look for, nothing to filter by and no order asked for: show the library at random.</summary>
    public bool IsEmpty => Terms.Count == 0 && Excluded.Count == 0 && !HasFilters && Sort == SortOrder.Relevance;

    /// <summary>The canonical form of this query; <see cref="QueryParser.Parse"/> reads it back to an equal query.</summary>
    public override string ToString() => QueryFormatter.Format(this);

    public bool Equals(SearchQuery? other) =>
        other is not null
        && Terms.SequenceEqual(other.Terms)
        && Excluded.SequenceEqual(other.Excluded)
        && Filter.Equals(other.Filter)
        && Sort == other.Sort;

    public override int GetHashCode() => HashCode.Combine(Text, string.Join('\n', Excluded), Filter, Sort);
}
