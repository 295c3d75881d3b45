using Microsoft.Net.Http.Headers;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Search.Engine;
using Shoebox.Sources.Originals;

namespace Shoebox.Web.Api;

/// <summary>
/// One photo: its details, thumbnails and original file. Files are found by catalogue id only, never from a path
/// in the URL, so nothing outside the catalogue can be asked for.
/// </summary>
internal static class PhotoEndpoints
{
    // A thumbnail is named by the photo's content hash, so the bytes behind an id never change.
    private const string Immutable = "public, max-age=31536000, immutable";

    public static void MapPhotoEndpoints(this IEndpointRouteBuilder api, SearchEngine engine, ThumbnailStore thumbnails, PreviewMaker previews)
    {
        api.MapGet("/photos/{id:long}", async (long id) => await engine.GetPhotoAsync(id) is { } details
                ? Results.Ok(details)
                : ApiError.NoSuchPhoto(id))
            .WithName("Photo")
            .WithSummary("Everything the catalog knows about a photo: metadata, every location, texts.")
            .Produces<PhotoDetails>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/photos/{id:long}/thumbnail", (long id, string? size, HttpContext context) => ThumbnailAsync(engine, thumbnails, previews, id, size, context))
            .WithName("Thumbnail")
            .WithSummary("A JPEG thumbnail: size=grid (320 px, the default) or preview (1280 px). Cached for good (immutable, ETag).")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .Produces(StatusCodes.Status304NotModified)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/photos/{id:long}/original", (long id, HttpContext context) => OriginalAsync(engine, id, context))
            .WithName("Original")
            .WithSummary("The original file, streamed, with range requests.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces<ApiError>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ThumbnailAsync(SearchEngine engine, ThumbnailStore thumbnails, PreviewMaker previews, long id, string? size, HttpContext context)
    {
        ThumbnailSize kind;
        switch (size)
        {
            case null or "" or "grid":
                kind = ThumbnailSize.Grid;
                break;
            case "preview":
                kind = ThumbnailSize.Preview;
                break;
            default:
                return ApiError.Result(StatusCodes.Status400BadRequest, "size must be grid or preview.");
        }
        // Every grid cell asks for one: a single read of the hash, not the photo's whole record.
        if (await engine.HashOfAsync(id) is not { } hash)
        {
            return ApiError.NoSuchPhoto(id);
        }
        var path = thumbnails.PathOf(hash, kind);
        if (kind == ThumbnailSize.Preview
                ? !await Previews.EnsureAsync(engine, previews, id, hash, path, context.RequestAborted)
                : !File.Exists(path))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "This photo has no thumbnail yet (indexing makes it).");
        }
        context.Response.Headers.CacheControl = Immutable;
        return Results.File(path, "image/jpeg", entityTag: new EntityTagHeaderValue($"\"{hash.Hex[..32]}-{size ?? "grid"}\""));
    }

    private static async Task<IResult> OriginalAsync(SearchEngine engine, long id, HttpContext context)
    {
        if (await engine.FindAsync(id) is not { } photo)
        {
            return ApiError.NoSuchPhoto(id);
        }
        var locations = await engine.ExistingLocationsAsync(id);
        var stored = locations.Select(StoredLocations.AsStored);
        // The stream is the one checked: nothing is opened by path again after the check.
        if (await OriginalReader.OpenAsync(stored, ContentHash.Parse(photo.Hash), context.RequestAborted) is not { } original)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "No file of this photo is on disk right now as it was indexed (gone, or changed since: index again).");
        }
        context.Response.Headers.CacheControl = "private, max-age=3600";
        var tag = new EntityTagHeaderValue($"\"{photo.Hash[..32]}\"");
        return Results.Stream(original, ContentTypes.Of(photo.Format), entityTag: tag, enableRangeProcessing: true);
    }
}
