using NetVips;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// Camera raw files through their largest embedded JPEG: decoded with the same shrink-on-load as any JPEG and turned
/// upright by the raw's orientation (the embedded JPEG rarely has one of its own). A raw whose previews do not serve
/// goes to <see cref="DecodeWithoutPreview"/>, the one place that decodes the sensor data itself.
/// </summary>
internal static class RawDecoder
{
    public static ImageHeader ReadHeader(string path, ImageFormat format)
    {
        var previews = RawPreviewFinder.Find(path, format);
        if (RawPreviewFinder.Serving(previews, out var reason) is not { } preview)
        {
            return HeaderWithoutPreview(path, format, reason);
        }
        var sideways = previews.Orientation is >= 5 and <= 8;
        return new ImageHeader(sideways ? preview.Height : preview.Width, sideways ? preview.Width : preview.Height, previews.Orientation, format);
    }

    public static RgbImage Decode(string path, ImageHeader header, int size, Fit fit)
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

    // Both need the sensor data decoded, which libraw does; until it is wired in here, such a raw fails with the
    // reason and is picked up by --retry-failed once it is.
    private static ImageHeader HeaderWithoutPreview(string path, ImageFormat format, string reason) => throw WithoutLibRaw(reason);

    /// <summary>The pixels of a raw whose embedded previews do not serve: the sensor data decoded (libraw's place).</summary>
    public static RgbImage DecodeWithoutPreview(string path, string reason, int size, Fit fit) => throw WithoutLibRaw(reason);

    private static BadImageException WithoutLibRaw(string reason) =>
        new($"{reason}; decoding the raw data itself needs libraw: install libraw (Debian/Ubuntu libraw23, Homebrew libraw)");
}
