using Shoebox.Search.Duplicates;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// Duplicate groups to review, a page at a time with totals; merging a group's words into its keeper; choosing the
/// keeper; and saying photos are not duplicates. Nothing is moved or deleted here.
/// </summary>
internal static class DuplicateEndpoints
{
    private const int DefaultPage = 20;
    private const int MaxPage = 200;

    public static void MapDuplicateEndpoints(this IEndpointRouteBuilder api, SearchEngine engine)
    {
        api.MapGet("/duplicates", async (string? offset, string? limit) =>
            {
                var groups = await engine.FindDuplicatesAsync();
                var (from, count) = (QueryNumbers.Offset(offset), QueryNumbers.Limit(limit, DefaultPage, MaxPage));
                var setAside = groups.Sum(g => DuplicatesToSetAside.PathsToSetAside(g).Count());
                var bytes = groups.Sum(DuplicatesToSetAside.BytesToSetAside);
                return Results.Ok(new DuplicatesResponse(
                    [.. groups.Skip(from).Take(count).Select(DuplicateGroupView.Of)],
                    from,
                    from + count < groups.Count,
                    new DuplicateTotals(groups.Count, groups.Sum(g => g.Members.Count), setAside, bytes)));
            })
            .WithName("Duplicates")
            .WithSummary("A page of groups of copies and near-duplicates (offset, limit up to 200), the keeper first, with totals over all groups.")
            .Produces<DuplicatesResponse>();

        // Writes are POSTs, and the same-origin rule applies to them: another site cannot make a browser change anything.
        api.MapPost("/duplicates/{keeperId:long}/merge", async (long keeperId) => await engine.MergeDuplicatesAsync(keeperId) is { } added
                ? Results.Ok(new MergeResponse(keeperId, added))
                : ApiError.Result(StatusCodes.Status404NotFound, $"Photo {keeperId} is not the keeper of a duplicate group (any more)."))
            .WithName("MergeDuplicates")
            .WithSummary("Copies the keywords, tags, captions and albums of the group's other photos onto its keeper; again adds nothing.")
            .DisableAntiforgery()
            .Produces<MergeResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPost("/duplicates/{photoId:long}/keep", async (long photoId) => await engine.ChooseKeeperAsync(photoId) is { } group
                ? Results.Ok(DuplicateGroupView.Of(group))
                : NotInAGroup(photoId))
            .WithName("KeepDuplicate")
            .WithSummary("Makes the photo its group's keeper from now on (--move-to and the page keep it); answers the group as it is now.")
            .DisableAntiforgery()
            .Produces<DuplicateGroupView>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPost("/duplicates/{photoId:long}/apart", (long photoId) => ApartAsync(engine, photoId, wholeGroup: false))
            .WithName("NotADuplicate")
            .WithSummary("Says the photo is not a duplicate of the others of its group: it leaves the group for good.")
            .DisableAntiforgery()
            .Produces<ApartResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPost("/duplicates/{photoId:long}/apart-all", (long photoId) => ApartAsync(engine, photoId, wholeGroup: true))
            .WithName("NotDuplicates")
            .WithSummary("Says no photo of the photo's group is a duplicate of another: the group is gone for good.")
            .DisableAntiforgery()
            .Produces<ApartResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ApartAsync(SearchEngine engine, long photoId, bool wholeGroup) =>
        await engine.KeepApartAsync(photoId, wholeGroup) is { } group
            ? Results.Ok(new ApartResponse(photoId, wholeGroup ? [.. group.Members.Select(m => m.Id)] : [photoId]))
            : NotInAGroup(photoId);

    private static IResult NotInAGroup(long photoId) =>
        ApiError.Result(StatusCodes.Status404NotFound, $"Photo {photoId} is in no group of near-duplicates (any more).");
}

/// <summary>Over all groups, not only the page: how many groups and photos, and the files (and bytes) setting the others aside would move.</summary>
internal sealed record DuplicateTotals(int Groups, int Photos, int FilesToSetAside, long BytesToSetAside);

internal sealed record DuplicatesResponse(IReadOnlyList<DuplicateGroupView> Groups, int Offset, bool HasMore, DuplicateTotals Totals);

internal sealed record DuplicateGroupView(string Kind, long Keeper, bool KeeperChosen, IReadOnlyList<DuplicateMember> Members)
{
    public static DuplicateGroupView Of(DuplicateGroup group) => new(group.Kind, group.Keeper.Id, group.KeeperChosen, group.Members);
}

internal sealed record MergeResponse(long Keeper, int Added);

/// <summary>The photos that left their group.</summary>
internal sealed record ApartResponse(long Photo, IReadOnlyList<long> Apart);
