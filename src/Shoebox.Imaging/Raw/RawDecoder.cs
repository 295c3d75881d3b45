using NetVips;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// Camera raw files through their largest embedded JPEG: decoded with the same shrink-on-load as any JPEG and turned
/// upright by the raw's orientation (the embedded JPEG rarely has one of its own). A raw whose previews do not serve
/// is developed by LibRaw (<see cref="LibRawDecoder"/>); when that fails too, the reason says why the previews did
/// not serve and why LibRaw could not help (not installed: how to install it).
/// </summary>
internal sealed class RawDecoder(DecodeOptions options)
{
    private readonly LibRawDecoder _libRaw = new(options);

    public ImageHeader ReadHeader(string path, ImageFormat format)
    {
        var previews = RawPreviewFinder.Find(path, format);
        if (RawPreviewFinder.Serving(previews, out var reason) is not { } preview)
        {
            return HeaderWithoutPreview(path, format, reason);
        }
        var sideways = previews.Orientation is >= 5 and <= 8;
        return new ImageHeader(sideways ? preview.Height : preview.Width, sideways ? preview.Width : preview.Height, previews.Orientation, format);
    }

    public RgbImage Decode(string path, ImageHeader header, int size, Fit fit)
    {
        var previews = RawPreviewFinder.Find(path, header.Format);
        if (RawPreviewFinder.Serving(previews, out var reason) is not { } preview)
        {
            return DecodeWithoutPreview(path, reason, size, fit);
        }
        byte[] jpeg;
        using (var file = new RawFile(path))
        {
            jpeg = file.Read(preview.Offset, checked((int)preview.Length), preview.Name);
        }
        var sideways = previews.Orientation is >= 5 and <= 8;
        var (uprightWidth, uprightHeight) = (sideways ? preview.Height : preview.Width, sideways ? preview.Width : preview.Height);
        var (boxWidth, boxHeight) = ImageDecoder.Box(uprightWidth, uprightHeight, size, fit);
        using var stored = Image.ThumbnailBuffer(jpeg, sideways ? boxHeight : boxWidth, height: sideways ? boxWidth : boxHeight,
            size: Enums.Size.Down, noRotate: true, failOn: Enums.FailOn.Error);
        RgbImage decoded;
        if (previews.Orientation == 1)
        {
            decoded = ImageDecoder.ToRgb(stored);
        }
        else
        {
            // Turning needs the whole picture at hand; the thumbnail is read sequentially until copied to memory.
            using var whole = stored.CopyMemory();
            using var oriented = whole.Mutate(image => image.Set(GValue.GIntType, "orientation", previews.Orientation));
            using var upright = oriented.Autorot();
            decoded = ImageDecoder.ToRgb(upright);
        }
        return new RgbImage(decoded.Width, decoded.Height, decoded.Pixels) { SourceSize = (uprightWidth, uprightHeight) };
    }

    private ImageHeader HeaderWithoutPreview(string path, ImageFormat format, string reason) =>
        WithReason(reason, () => _libRaw.ReadHeader(path, format));

    private RgbImage DecodeWithoutPreview(string path, string reason, int size, Fit fit) =>
        WithReason(reason, () => _libRaw.Decode(path, size, fit));

    private static T WithReason<T>(string previewReason, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (BadImageException e)
        {
            throw new BadImageException($"{previewReason}; {e.Message}", e);
        }
    }
}
