using System.Text.Json;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// People and faces: the list, a person with their photos, and the user's word (names, merges, faces moved or not faces),
/// which indexing never overrides. Writes are PUT/POST, under the same-origin rule as every write.
/// </summary>
internal static class PeopleEndpoints
{
    private const string NameExample = "{\"name\": \"Ada\"}";
    private const string MergeExample = "{\"into\": 12}";
    private const string PersonExample = "{\"person\": 12} or {\"person\": null}";

    public static void MapPeopleEndpoints(this IEndpointRouteBuilder api, SearchEngine engine, ThumbnailStore thumbnails, PreviewMaker previews)
    {
        api.MapGet("/people", async () => Results.Ok(new PeopleResponse([.. (await engine.PeopleAsync()).Select(PersonView.Of)])))
            .WithName("People")
            .WithSummary("Every person found in the photos: named first (by name), then by how many photos they are in.")
            .Produces<PeopleResponse>();

        api.MapGet("/people/{id:long}", async (long id) => await engine.PersonAsync(id) is { } found
                ? Results.Ok(PersonPageView.Of(found))
                : NoSuchPerson(id))
            .WithName("Person")
            .WithSummary("The person, and their photos as search results, newest taken first.")
            .Produces<PersonPageView>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPut("/people/{id:long}/name", async (long id, HttpRequest request) =>
            {
                var body = await JsonBody.ReadAsync<NameRequest>(request, NameExample);
                try
                {
                    return await engine.NamePersonAsync(id, body.Name) is { } person ? Results.Ok(PersonView.Of(person)) : NoSuchPerson(id);
                }
                catch (ArgumentException e)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
                }
            })
            .WithName("NamePerson")
            .WithSummary("Names the person (null or \"\" takes the name off). A name given here is never replaced by indexing.")
            .AcceptsJson<NameRequest>()
            .DisableAntiforgery()
            .Produces<PersonView>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/people/{id:long}/merge", async (long id, HttpRequest request) =>
            {
                var body = await JsonBody.ReadAsync<MergeRequest>(request, MergeExample);
                if (body.Into is not { } into || into == id)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, $"Name the other person to merge into: {MergeExample}.");
                }
                return await engine.MergePeopleAsync(id, into) is { } person
                    ? Results.Ok(PersonView.Of(person))
                    : ApiError.Result(StatusCodes.Status404NotFound, $"There is no person {id} or {into} in this library.");
            })
            .WithName("MergePeople")
            .WithSummary("Every face of the person goes to \"into\", which keeps its id (and takes the other's name when it has none).")
            .AcceptsJson<MergeRequest>()
            .DisableAntiforgery()
            .Produces<PersonView>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPost("/faces/{faceId:long}/person", async (long faceId, HttpRequest request) =>
            {
                var body = await JsonBody.ReadAsync<JsonElement>(request, PersonExample);
                if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("person", out var person)
                    || person.ValueKind is not (JsonValueKind.Null or JsonValueKind.Number) || (person.ValueKind == JsonValueKind.Number && !person.TryGetInt64(out _)))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, $"Send {PersonExample}.");
                }
                long? target = person.ValueKind == JsonValueKind.Null ? null : person.GetInt64();
                return await engine.MoveFaceAsync(faceId, target) is { } face
                    ? Results.Ok(FaceView.Of(face))
                    : ApiError.Result(StatusCodes.Status404NotFound, target is null ? NoFace(faceId) : $"There is no face {faceId} or person {target} in this library.");
            })
            .WithName("MoveFace")
            .WithSummary("Puts the face in the person, or (null) in no person, for good; moving it from one person to another keeps the two apart.")
            .AcceptsJson<MoveRequest>()
            .DisableAntiforgery()
            .Produces<FaceView>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPost("/faces/{faceId:long}/not-a-face", async (long faceId) => await engine.NotAFaceAsync(faceId)
                ? Results.NoContent()
                : ApiError.Result(StatusCodes.Status404NotFound, NoFace(faceId)))
            .WithName("NotAFace")
            .WithSummary("It is not a face: it leaves its person and is never shown or grouped again.")
            .DisableAntiforgery()
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/photos/{id:long}/faces", async (long id) => await engine.FacesOfAsync(id) is { } faces
                ? Results.Ok(faces.Select(FaceView.Of).ToList())
                : ApiError.NoSuchPhoto(id))
            .WithName("PhotoFaces")
            .WithSummary("The photo's faces, largest first: boxes in 0..1 of the photo as displayed, and their person.")
            .Produces<List<FaceView>>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/faces/{faceId:long}/thumb", (long faceId, HttpContext context) => ThumbAsync(engine, thumbnails, previews, faceId, context))
            .WithName("FaceThumb")
            .WithSummary("A JPEG of the face (at most 160 px square), cut from the photo's preview.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .Produces<ApiError>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ThumbAsync(SearchEngine engine, ThumbnailStore thumbnails, PreviewMaker previews, long faceId, HttpContext context)
    {
        if (await engine.FaceAsync(faceId) is not { } face || await engine.HashOfAsync(face.PhotoId) is not { } hash)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, NoFace(faceId));
        }
        var path = thumbnails.PathOf(hash, ThumbnailSize.Preview);
        if (!await Previews.EnsureAsync(engine, previews, face.PhotoId, hash, path, context.RequestAborted))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "This photo has no preview to cut the face from (none of its files can be read).");
        }
        try
        {
            // The crop follows the face's box, which a re-index may move a little: cached for a while, not for good.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Bytes(FaceCrop.Jpeg(path, face.Box), "image/jpeg");
        }
        catch (BadImageException e)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, e.Message);
        }
    }

    private static IResult NoSuchPerson(long id) => ApiError.Result(StatusCodes.Status404NotFound, $"There is no person {id} in this library.");

    private static string NoFace(long id) => $"There is no face {id} in this library.";
}

internal sealed record NameRequest(string? Name);

internal sealed record MergeRequest(long? Into);

internal sealed record MoveRequest(long? Person);

internal sealed record CoverView(long FaceId, long PhotoId);

internal sealed record PersonView(long Id, string? Name, int Faces, int Photos, CoverView? Cover)
{
    public static PersonView Of(PersonSummary person) => new(
        person.Id,
        person.Name,
        person.Faces,
        person.Photos,
        person is { CoverFaceId: { } face, CoverPhotoId: { } photo } ? new CoverView(face, photo) : null);
}

internal sealed record PeopleResponse(IReadOnlyList<PersonView> People);

internal sealed record PersonPageView(long Id, string? Name, int Faces, int Photos, CoverView? Cover, IReadOnlyList<SearchResult> Results)
{
    public static PersonPageView Of(PersonPhotos found)
    {
        var person = PersonView.Of(found.Person);
        return new(person.Id, person.Name, person.Faces, person.Photos, person.Cover, found.Photos);
    }
}

internal sealed record BoxView(double X, double Y, double W, double H);

internal sealed record FacePersonView(long Id, string? Name);

internal sealed record FaceView(long Id, BoxView Box, FacePersonView? Person)
{
    public static FaceView Of(StoredFace face) => new(
        face.Id,
        new BoxView(Math.Round(face.Box.X, 5), Math.Round(face.Box.Y, 5), Math.Round(face.Box.W, 5), Math.Round(face.Box.H, 5)),
        face.PersonId is { } person ? new FacePersonView(person, face.PersonName) : null);
}
