using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// Search by an image that need not be in the library: posted as multipart form data (field "image") or as the
/// raw body. It is decoded through the same guards as indexing (pixel limit), and only its vector is kept. The bytes
/// are written to a private file of the library's (<see cref="UploadFolder"/>) as they arrive, and deleted after.
/// </summary>
internal static class UploadEndpoint
{
    public static void MapUploadEndpoint(this IEndpointRouteBuilder api, SearchEngine engine, UploadCache uploads, Func<UploadFolder> folder, long maxBytes, ThumbnailStore thumbnails)
    {
        var upload = new Upload(engine, uploads, folder, thumbnails, maxBytes);
        api.MapPost("/search/image", (HttpRequest request, string? q, string? limit, CancellationToken cancellationToken) =>
                SearchAsync(request, upload, q, QueryNumbers.Limit(limit), cancellationToken))
            .WithName("SearchByImage")
            .WithSummary("Photos like an uploaded image (multipart field \"image\", or the image as the raw body).")
            .WithDescription("The answer's like field (upload:ID) pages on through GET /api/search?like=upload:ID&offset=N.")
            .DisableAntiforgery()
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>What an upload goes through: where it is written, what it is searched with, where its answer's thumbnails are.</summary>
    private sealed record Upload(SearchEngine Engine, UploadCache Uploads, Func<UploadFolder> Folder, ThumbnailStore Thumbnails, long MaxBytes);

    private static async Task<IResult> SearchAsync(HttpRequest request, Upload upload, string? q, int limit, CancellationToken cancellationToken)
    {
        var (engine, uploads, folder, thumbnails, maxBytes) = upload;
        var tooLarge = ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"The image is larger than the {maxBytes / (1024 * 1024)} MB this server accepts.");
        if (request.ContentLength > maxBytes + 64 * 1024)
        {
            return tooLarge;
        }
        if (!engine.CanSearchByImage)
        {
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Searching by image needs the library's model, which this server could not load.");
        }
        string? path = null;
        try
        {
            SaveOutcome? saved;
            await using (var file = folder().Create(out path))
            {
                saved = await SaveAsync(request, file, maxBytes, cancellationToken);
            }
            if (saved is not null)
            {
                return saved.Value == SaveOutcome.TooLarge ? tooLarge : ApiError.Result(StatusCodes.Status400BadRequest, "Send the image as the form field \"image\" or as the request body.");
            }
            if (!LooksLikeImage(path))
            {
                return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "That file is not an image Shoebox can read (JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC or AVIF).");
            }
            float[] vector;
            try
            {
                vector = engine.EmbedImage(path);
            }
            catch (BadImageException e)
            {
                return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, $"That image cannot be used: {e.Message}");
            }
            var id = UploadCache.Prefix + uploads.Add(vector);
            var page = await engine.SearchAsync(new SearchRequest { Query = q ?? "", LikeVector = vector, Limit = limit });
            return Results.Ok(SearchResponse.From(page, id, thumbnails));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        finally
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
    }

    private enum SaveOutcome
    {
        TooLarge,
        Missing,
    }

    private static async Task<SaveOutcome?> SaveAsync(HttpRequest request, FileStream target, long maxBytes, CancellationToken cancellationToken)
    {
        // Anything but multipart is the image itself, whatever it says it is: `curl --data-binary @photo.jpg` sends
        // it as application/x-www-form-urlencoded, which ReadFormAsync failed on (a 500) past 4 MB.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await CopyAsync(request.Body, target, maxBytes, cancellationToken);
        }
        // Read part by part rather than by ReadFormAsync, which buffers a large file in the shared temp folder.
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw new ApiException(StatusCodes.Status400BadRequest,
                "The form's Content-Type has no valid boundary (multipart/form-data; boundary=...); send it as a browser's FormData does, or send the image as the body.");
        }
        var reader = new MultipartReader(boundary, request.Body);
        SaveOutcome? outcome = SaveOutcome.Missing;
        while (await NextSectionAsync(reader, cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var part) || !part.IsFileDisposition())
            {
                continue;
            }
            // The field "image"; another file only while no "image" has come.
            var isImage = part.Name.Equals("image", StringComparison.Ordinal);
            if (outcome != SaveOutcome.Missing && !isImage)
            {
                continue;
            }
            target.SetLength(0);
            outcome = await CopyAsync(section.Body, target, maxBytes, cancellationToken);
            if (isImage || outcome == SaveOutcome.TooLarge)
            {
                break;
            }
        }
        return outcome;
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception e) when (IsMalformed(e, cancellationToken))
        {
            throw Malformed();
        }
    }

    private static async Task<SaveOutcome?> CopyAsync(Stream source, FileStream target, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await ReadAsync(source, buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return SaveOutcome.TooLarge;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total == 0 ? SaveOutcome.Missing : null;
    }

    // Only reading the body may fail as malformed; an error writing the file (a full disk) is the server's.
    private static async Task<int> ReadAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (IsMalformed(e, cancellationToken))
        {
            throw Malformed();
        }
    }

    // A body that ends early or parts that do not match the boundary; Kestrel's own refusals (413, ...) and a client
    // that went away are not.
    private static bool IsMalformed(Exception e, CancellationToken cancellationToken) =>
        e is InvalidDataException || (e is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested);

    private static ApiException Malformed() => new(StatusCodes.Status400BadRequest,
        "The body could not be read: it ends early, or its parts do not match the form's boundary. Send the image as a browser's FormData does, or as the body.");

    private static bool LooksLikeImage(string path)
    {
        Span<byte> header = stackalloc byte[ImageSniffer.HeaderLength];
        using var file = File.OpenRead(path);
        var length = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return ImageSniffer.Detect(header[..length]) is not null;
    }
}
