using System.Globalization;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Search.Engine;
using Shoebox.Search.Query;

namespace Shoebox.Web.Api;

/// <summary>The query syntax: as the CLI prints it (<see cref="Help"/>), and in parts for the page, whose examples run.</summary>
public sealed record SyntaxResponse(string Help, IReadOnlyList<SyntaxSection> Sections, IReadOnlyList<string> Notes, string Example);

/// <summary>Searching: by words and filters, like a photo, like an uploaded image, or at random.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder api, SearchEngine engine, UploadCache uploads, ThumbnailStore thumbnails)
    {
        api.MapGet("/search", (string? q, string? like, string? offset, string? limit) =>
                Search(engine, uploads, thumbnails, q, like, QueryNumbers.Offset(offset), QueryNumbers.Limit(limit)))
            .WithName("Search")
            .WithSummary("Search by words and filters (the query syntax of `shoebox search`), optionally like an example.")
            .WithDescription("like is a photo id, or upload:ID as returned by POST /api/search/image; offset and limit (whole numbers) page through the results (limit at most 500).")
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status414UriTooLong);

        api.MapGet("/photos/{id:long}/similar", (long id, string? q, string? offset, string? limit) =>
                Search(engine, uploads, thumbnails, q, id.ToString(CultureInfo.InvariantCulture), QueryNumbers.Offset(offset), QueryNumbers.Limit(limit)))
            .WithName("Similar")
            .WithSummary("Photos like a catalogued photo (\"more like this\"), narrowed by an optional query.")
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/random", (string? q, string? limit) => Run(engine, thumbnails, new SearchRequest { Query = q ?? "", Random = true, Limit = QueryNumbers.Limit(limit) }, null))
            .WithName("Random")
            .WithSummary("A random selection of the photos that pass the query's filters.")
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        api.MapGet("/syntax", () => new SyntaxResponse(QuerySyntax.HelpText, QuerySyntax.Sections, QuerySyntax.Notes, QuerySyntax.Example))
            .WithName("Syntax")
            .WithSummary("The query syntax: as the CLI prints it, and in sections of examples and what they find.")
            .Produces<SyntaxResponse>();
    }

    private static async Task<IResult> Search(SearchEngine engine, UploadCache uploads, ThumbnailStore thumbnails, string? q, string? like, int offset, int limit)
    {
        var request = new SearchRequest { Query = q ?? "", Offset = offset, Limit = limit };
        if (string.IsNullOrWhiteSpace(like))
        {
            return await Run(engine, thumbnails, request, null);
        }
        if (like.StartsWith(UploadCache.Prefix, StringComparison.Ordinal))
        {
            return uploads.Find(like[UploadCache.Prefix.Length..]) is { } vector
                ? await Run(engine, thumbnails, request with { LikeVector = vector }, like)
                : ApiError.Result(StatusCodes.Status404NotFound, "That uploaded image is no longer remembered by the server; upload it again.");
        }
        if (!long.TryParse(like, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "like must be a photo id or upload:ID.");
        }
        // Asked first, so the answer is the API's own sentence rather than the engine's exception text.
        return await engine.FindAsync(id) is null
            ? ApiError.NoSuchPhoto(id)
            : await Run(engine, thumbnails, request with { LikePhoto = id }, like);
    }

    private static async Task<IResult> Run(SearchEngine engine, ThumbnailStore thumbnails, SearchRequest request, string? like)
    {
        try
        {
            return Results.Ok(SearchResponse.From(await engine.SearchAsync(request), like, thumbnails));
        }
        catch (ArgumentException e) when (request.LikePhoto is not null)
        {
            // A photo without a vector: the reason is for the user, the parameter's name that .NET appends is not.
            return ApiError.Result(StatusCodes.Status404NotFound, ErrorMessages.Of(e));
        }
    }
}
