using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>A photo's tags, and the user's own edits to them, which win over automatic tagging for good.</summary>
internal static class TagEndpoints
{
    public static void MapTagEndpoints(this IEndpointRouteBuilder api, SearchEngine engine)
    {
        api.MapGet("/photos/{id:long}/tags", async (long id) => Answer(id, await engine.TagsOfAsync(id)))
            .WithName("Tags")
            .WithSummary("The photo's tags: the user's first, then automatic ones with their score.")
            .Produces<TagsResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        // Writes are POST/DELETE: the same-origin rule keeps other sites from editing tags through the browser.
        api.MapPost("/photos/{id:long}/tags", (long id, TagRequest request) => EditAsync(id, request.Tag, tag => engine.AddTagAsync(id, tag)))
            .WithName("AddTag")
            .WithSummary("Puts the user's tag on the photo. Automatic tagging never takes it off.")
            .DisableAntiforgery()
            .Produces<TagsResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapDelete("/photos/{id:long}/tags/{tag}", (long id, string tag) => EditAsync(id, tag, name => engine.RemoveTagAsync(id, name)))
            .WithName("RemoveTag")
            .WithSummary("Takes the tag off the photo, whoever gave it. Automatic tagging never puts it back.")
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

    private static IResult Answer(long id, List<PhotoTag>? tags) => tags is null
        ? ApiError.Result(StatusCodes.Status404NotFound, $"There is no photo {id} in this library.")
        : Results.Ok(new TagsResponse([.. tags.Select(t => new TagView(t.Name, t.ByUser, t.Score))]));
}

internal sealed record TagRequest(string? Tag);

internal sealed record TagView(string Name, bool ByUser, double? Score);

internal sealed record TagsResponse(IReadOnlyList<TagView> Tags);
