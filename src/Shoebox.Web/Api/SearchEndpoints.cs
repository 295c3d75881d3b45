using System.Globalization;
using Shoebox.Search.Engine;
using Shoebox.Search.Query;

namespace Shoebox.Web.Api;

public sealed record SyntaxResponse(string Help);

/// <summary>Searching: by words and filters, like a photo, like an uploaded image, or at random.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder api, SearchEngine engine, UploadCache uploads)
    {
        api.MapGet("/search", (string? q, string? like, int? offset, int? limit) => Search(engine, uploads, q, like, offset, limit))
            .WithName("Search")
            .WithSummary("Search by words and filters (the query syntax of `shoebox search`), optionally like an example.")
            .WithDescription("like is a photo id, or upload:ID as returned by POST /api/search/image; offset and limit page through the results (limit at most 500).")
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/photos/{id:long}/similar", (long id, string? q, int? offset, int? limit) =>
                Search(engine, uploads, q, id.ToString(CultureInfo.InvariantCulture), offset, limit))
            .WithName("Similar")
            .WithSummary("Photos like a catalogued photo (\"more like this\"), narrowed by an optional query.")
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/random", (string? q, int? limit) => Run(engine, new SearchRequest { Query = q ?? "", Random = true, Limit = Clamp(limit) }, null))
            .WithName("Random")
            .WithSummary("A random selection of the photos that pass the query's filters.")
            .Produces<SearchResponse>();

        api.MapGet("/syntax", () => new SyntaxResponse(QuerySyntax.HelpText))
            .WithName("Syntax")
            .WithSummary("The query syntax, as text: the same for the CLI and the web page.")
            .Produces<SyntaxResponse>();
    }

    private static async Task<IResult> Search(SearchEngine engine, UploadCache uploads, string? q, string? like, int? offset, int? limit)
    {
        var request = new SearchRequest { Query = q ?? "", Offset = Math.Max(0, offset ?? 0), Limit = Clamp(limit) };
        if (string.IsNullOrWhiteSpace(like))
        {
            return await Run(engine, request, null);
        }
        if (like.StartsWith(UploadCache.Prefix, StringComparison.Ordinal))
        {
            return uploads.Find(like[UploadCache.Prefix.Length..]) is { } vector
                ? await Run(engine, request with { LikeVector = vector }, like)
                : ApiError.Result(StatusCodes.Status404NotFound, "That uploaded image is no longer remembered by the server; upload it again.");
        }
        return long.TryParse(like, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await Run(engine, request with { LikePhoto = id }, like)
            : ApiError.Result(StatusCodes.Status400BadRequest, "like must be a photo id or upload:ID.");
    }

    public static async Task<IResult> Run(SearchEngine engine, SearchRequest request, string? like)
    {
        try
        {
            return Results.Ok(SearchResponse.From(await engine.SearchAsync(request), like));
        }
        catch (ArgumentException e) when (request.LikePhoto is not null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, e.Message);
        }
    }

    private static int Clamp(int? limit) => Math.Clamp(limit ?? 50, 1, SearchRequest.MaxLimit);
}
