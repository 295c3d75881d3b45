using Shoebox.Catalog;
using Shoebox.Search.Query;

namespace Shoebox.Search.Engine;

/// <summary>The words of a parsed query as the catalog's full-text search takes them.</summary>
internal static class QueryTerms
{
    public static IReadOnlyList<TextTerm> Terms(SearchQuery query) => [.. query.Terms.Select(t => new TextTerm(t.Value, t.IsPhrase))];

    // An excluded entry is a phrase when it holds a space: -"stop sign" must not exclude every "stop".
    public static IReadOnlyList<TextTerm> ExcludedTerms(SearchQuery query) =>
        [.. query.Excluded.Select(e => new TextTerm(e, e.Contains(' ', StringComparison.Ordinal)))];
}
