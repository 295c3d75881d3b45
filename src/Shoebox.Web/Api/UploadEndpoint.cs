using Shoebox.Core;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// Search by an image that need not be in the library: posted as multipart form data (field "image") or as the
/// raw body. It is decoded through the same guards as indexing (pixel limit), and only its vector is kept.
/// </summary>
internal static class UploadEndpoint
{
    public static void MapUploadEndpoint(this IEndpointRouteBuilder api, SearchEngine engine, UploadCache uploads, long maxBytes)
    {
        api.MapPost("/search/image", (HttpRequest request, string? q, int? limit, CancellationToken cancellationToken) =>
                SearchAsync(request, engine, uploads, maxBytes, q, limit, cancellationToken))
            .WithName("SearchByImage")
            .WithSummary("Photos like an uploaded image (multipart field \"image\", or the image as the raw body).")
            .WithDescription("The answer's like field (upload:ID) pages on through GET /api/search?like=upload:ID&offset=N.")
            .DisableAntiforgery()
            .Produces<SearchResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> SearchAsync(
        HttpRequest request, SearchEngine engine, UploadCache uploads, long maxBytes, string? q, int? limit, CancellationToken cancellationToken)
    {
        var tooLarge = ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"The image is larger than the {maxBytes / (1024 * 1024)} MB this server accepts.");
        if (request.ContentLength > maxBytes + 64 * 1024)
        {
            return tooLarge;
        }
        if (!engine.CanSearchByImage)
        {
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Searching by image needs the library's model, which this server could not load.");
        }
        var temp = Path.Combine(Path.GetTempPath(), $"shoebox-upload-{Guid.NewGuid():N}");
        try
        {
            var saved = await SaveAsync(request, temp, maxBytes, cancellationToken);
            if (saved is not null)
            {
                return saved.Value == SaveOutcome.TooLarge ? tooLarge : ApiError.Result(StatusCodes.Status400BadRequest, "Send the image as the form field \"image\" or as the request body.");
            }
            if (!LooksLikeImage(temp))
            {
                return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "That file is not an image Shoebox can read (JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC or AVIF).");
            }
            float[] vector;
            try
            {
                vector = engine.EmbedImage(temp);
            }
            catch (BadImageException e)
            {
                return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, $"That image cannot be used: {e.Message}");
            }
            var id = UploadCache.Prefix + uploads.Add(vector);
            var page = await engine.SearchAsync(new SearchRequest { Query = q ?? "", LikeVector = vector, Limit = Math.Clamp(limit ?? 50, 1, SearchRequest.MaxLimit) });
            return Results.Ok(SearchResponse.From(page, id));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private enum SaveOutcome
    {
        TooLarge,
        Missing,
    }

    private static async Task<SaveOutcome?> SaveAsync(HttpRequest request, string path, long maxBytes, CancellationToken cancellationToken)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("image") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null || file.Length == 0)
            {
                return SaveOutcome.Missing;
            }
            if (file.Length > maxBytes)
            {
                return SaveOutcome.TooLarge;
            }
            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
        }
        // The request body belongs to the server; only a form file's stream is this method's to close.
        await using (request.HasFormContentType ? source : Stream.Null)
        await using (var target = File.Create(path))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return SaveOutcome.TooLarge;
                }
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (total == 0)
            {
                return SaveOutcome.Missing;
            }
        }
        return null;
    }

    private static bool LooksLikeImage(string path)
    {
        Span<byte> header = stackalloc byte[ImageSniffer.HeaderLength];
        using var file = File.OpenRead(path);
        var length = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return ImageSniffer.Detect(header[..length]) is not null;
    }
}
