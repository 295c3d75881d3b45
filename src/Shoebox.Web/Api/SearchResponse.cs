using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// One page of results: the CLI's --json shape ({"results": [...]}) plus what paging and the UI need.
/// <see cref="Like"/> names the example searched by ("123" for a photo, "upload:ID" for an upload), to ask for the next page.
/// <see cref="WithoutThumbnail"/> lists the results that have no thumbnail (a file that could not be decoded, or one
/// not processed yet), which the page shows as a placeholder with their name without asking for a thumbnail.
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchResult> Results,
    int Offset,
    bool HasMore,
    string Query,
    string ScoreKind,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    string? Like,
    IReadOnlyList<long> WithoutThumbnail)
{
    public static SearchResponse From(SearchPage page, string? like, ThumbnailStore thumbnails) =>
        new(page.Results, page.Offset, page.HasMore, page.Query, page.ScoreKind, page.Problems, page.Notes, like,
            [.. page.Results.Where(r => !File.Exists(thumbnails.PathOf(ContentHash.Parse(r.Hash), ThumbnailSize.Grid))).Select(r => r.Id)]);
}
