using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// One page of results: the CLI's --json shape ({"results": [...]}) plus what paging and the UI need.
/// <see cref="Like"/> names the example searched by ("123" for a photo, "upload:ID" for an upload), to ask for the next page.
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchResult> Results,
    int Offset,
    bool HasMore,
    string Query,
    string ScoreKind,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    string? Like)
{
    public static SearchResponse From(SearchPage page, string? like) =>
        new(page.Results, page.Offset, page.HasMore, page.Query, page.ScoreKind, page.Problems, page.Notes, like);
}
