using Shoebox.Search.Duplicates;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>Duplicate groups to review, and merging a group's words into its keeper. Nothing is moved or deleted here.</summary>
internal static class DuplicateEndpoints
{
    public static void MapDuplicateEndpoints(this IEndpointRouteBuilder api, SearchEngine engine)
    {
        api.MapGet("/duplicates", async () => Results.Ok(new DuplicatesResponse([.. (await engine.FindDuplicatesAsync()).Select(DuplicateGroupView.Of)])))
            .WithName("Duplicates")
            .WithSummary("Groups of copies and near-duplicates, the suggested keeper first (largest, then earliest, then richest in words).")
            .Produces<DuplicatesResponse>();

        // A POST, and the same-origin rule applies to it: another site cannot make a browser merge.
        api.MapPost("/duplicates/{keeperId:long}/merge", async (long keeperId) => await engine.MergeDuplicatesAsync(keeperId) is { } added
                ? Results.Ok(new MergeResponse(keeperId, added))
                : ApiError.Result(StatusCodes.Status404NotFound, $"Photo {keeperId} is not the suggested keeper of a duplicate group (any more)."))
            .WithName("MergeDuplicates")
            .WithSummary("Copies the keywords, tags, captions and albums of the group's other photos onto its keeper; again adds nothing.")
            .DisableAntiforgery()
            .Produces<MergeResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);
    }
}

internal sealed record DuplicatesResponse(IReadOnlyList<DuplicateGroupView> Groups);

internal sealed record DuplicateGroupView(string Kind, long Keeper, IReadOnlyList<DuplicateMember> Members)
{
    public static DuplicateGroupView Of(DuplicateGroup group) => new(group.Kind, group.Keeper.Id, group.Members);
}

internal sealed record MergeResponse(long Keeper, int Added);
