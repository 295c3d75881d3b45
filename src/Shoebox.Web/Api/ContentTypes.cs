namespace Shoebox.Web.Api;

internal static class ContentTypes
{
    /// <summary>The media type of a catalogued format name (as in <see cref="Shoebox.Core.ImageFormat"/>).</summary>
    public static string Of(string format) => format.ToLowerInvariant() switch
    {
        "jpeg" or "jpg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "tiff" => "image/tiff",
        "heif" or "heic" => "image/heic",
        "avif" => "image/avif",
        _ => "application/octet-stream",
    };
}
