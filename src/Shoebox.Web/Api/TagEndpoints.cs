using Microsoft.AspNetCore.Http.Features;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>A photo's tags, and the user's own edits to them, which win over automatic tagging for good.</summary>
internal static class TagEndpoints
{
    private const string TagExample = "{\"tag\": \"beach\"}";

    public static void MapTagEndpoints(this IEndpointRouteBuilder api, SearchEngine engine)
    {
        api.MapGet("/photos/{id:long}/tags", async (long id) => Answer(id, await engine.TagsOfAsync(id)))
            .WithName("Tags")
            .WithSummary("The photo's tags: the user's first, then automatic ones with their score.")
            .Produces<TagsResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        // Writes are POST/DELETE: the same-origin rule keeps other sites from editing tags through the browser.
        api.MapPost("/photos/{id:long}/tags", async (long id, HttpRequest request) =>
                await EditAsync(id, (await JsonBody.ReadAsync<TagRequest>(request, TagExample)).Tag, tag => engine.AddTagAsync(id, tag)))
            .WithName("AddTag")
            .WithSummary("Puts the user's tag on the photo. Automatic tagging never takes it off.")
            .AcceptsJson<TagRequest>()
            .DisableAntiforgery()
            .Produces<TagsResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType);

        // {**tag}: a tag may hold '/', sent as it is or as %2F (which Kestrel leaves undecoded in the path).
        api.MapDelete("/photos/{id:long}/tags/{**tag}", (long id, HttpContext context) =>
                EditAsync(id, TagInPath(context), name => engine.RemoveTagAsync(id, name)))
            .WithName("RemoveTag")
            .WithSummary("Takes the tag off the photo, whoever gave it. Automatic tagging never puts it back.")
            .WithDescription("The tag is the rest of the path, percent-encoded (encodeURIComponent): a/b may be sent as a%2Fb or a/b.")
            .Produces<TagsResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> EditAsync(long id, string? tag, Func<string, Task<List<PhotoTag>?>> edit)
    {
        string name;
        try
        {
            name = TagStore.Name(tag ?? "");
        }
        catch (ArgumentException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
        }
        return Answer(id, await edit(name));
    }

    // From the request as sent: the decoded path keeps %2F as three characters, so a/b would be sought as a%2Fb.
    private static string TagInPath(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var start = path.IndexOf("/tags/", StringComparison.Ordinal);
        return start < 0 ? context.Request.RouteValues["tag"] as string ?? "" : Uri.UnescapeDataString(path[(start + "/tags/".Length)..]);
    }

    private static IResult Answer(long id, List<PhotoTag>? tags) => tags is null
        ? ApiError.NoSuchPhoto(id)
        : Results.Ok(new TagsResponse([.. tags.Select(t => new TagView(t.Name, t.ByUser, t.Score))]));
}

internal sealed record TagRequest(string? Tag);

internal sealed record TagView(string Name, bool ByUser, double? Score);

internal sealed record TagsResponse(IReadOnlyList<TagView> Tags);
