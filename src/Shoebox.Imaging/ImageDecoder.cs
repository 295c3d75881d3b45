using NetVips;
using Shoebox.Core;
using Shoebox.Imaging.Raw;

namespace Shoebox.Imaging;

/// <summary>
/// Decodes any supported image file into upright 8-bit sRGB pixels at (about) the size a stage needs, using
/// libvips: JPEG and HEIC are shrunk while loading, so a 12-megapixel photo is never fully decoded for a
/// thumbnail. One colour rule for every input: colour-managed to sRGB (CMYK, 16-bit and greyscale included),
/// alpha composited onto white, so transparent areas of memes and screenshots look as they do on a page.
/// HEIC goes through the system's libheif and BMP through a small reader of our own, since the libvips build on
/// NuGet has neither; a camera raw through its embedded JPEG, or LibRaw when none serves (<see cref="RawDecoder"/>). Thread-safe; callers run one decode per core.
/// </summary>
public sealed class ImageDecoder
{
    // libvips' own limit on an image side; used as "no limit" for the free side of a Cover box.
    private const int Unbounded = 10_000_000;

    private static readonly double[] White = [255, 255, 255];

    private readonly DecodeOptions _options;
    private readonly RawDecoder _raw;

    static ImageDecoder() => VipsSetup.EnsureInitialised();

    public ImageDecoder(DecodeOptions? options = null)
    {
        _options = options ?? new DecodeOptions();
        _raw = new RawDecoder(_options);
    }

    public ImageHeader ReadHeader(string path) => Run(path, () => Header(path));

    /// <summary>Decodes <paramref name="path"/> so that it fits <paramref name="size"/> as <paramref name="fit"/> says.</summary>
    public RgbImage Decode(string path, int size, Fit fit) => Decode(path, ReadHeader(path), size, fit);

    /// <summary>The same, reusing a header read before, which saves opening the file once more.</summary>
    public RgbImage Decode(string path, ImageHeader header, int size, Fit fit) => Run(path, () =>
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        CheckPixelLimit(header.Width, header.Height); // this decoder's limit, whichever decoder read the header
        if (header.Format.IsRaw())
        {
            return _raw.Decode(path, header, size, fit);
        }
        if (header.Format is ImageFormat.Heif or ImageFormat.Bmp)
        {
            return Resize(header.Format == ImageFormat.Heif ? LibHeif.Decode(path) : BmpReader.Read(path), size, fit);
        }
        var (boxWidth, boxHeight) = Box(header.Width, header.Height, size, fit);
        using var thumbnail = Image.Thumbnail(path, boxWidth, height: boxHeight, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
        var decoded = ToRgb(thumbnail);
        return new RgbImage(decoded.Width, decoded.Height, decoded.Pixels) { SourceSize = (header.Width, header.Height) };
    });

    // HEVC-coded HEIF goes to libheif (see LibHeif), BMP to BmpReader, camera raws to RawDecoder; AVIF and the rest
    // stay with libvips.
    private ImageHeader Header(string path)
    {
        var sniffed = Sniff(path);
        if (sniffed is { } raw && raw.IsRaw())
        {
            var rawHeader = _raw.ReadHeader(path, raw);
            CheckPixelLimit(rawHeader.Width, rawHeader.Height);
            return rawHeader;
        }
        if (sniffed is ImageFormat.Heif or ImageFormat.Bmp)
        {
            var (width, height) = sniffed == ImageFormat.Heif ? LibHeif.ReadSize(path) : BmpReader.ReadSize(path);
            CheckPixelLimit(width, height);
            return new ImageHeader(width, height, Orientation: 1, sniffed.Value);
        }
        using var image = Image.NewFromFile(path, access: Enums.Access.Sequential);
        CheckPixelLimit(image.Width, image.Height);
        var orientation = image.Contains("orientation") ? (int)image.Get("orientation") : 1;
        var sideways = orientation is >= 5 and <= 8;
        return new ImageHeader(
            sideways ? image.Height : image.Width,
            sideways ? image.Width : image.Height,
            orientation,
            FormatOf(image) ?? sniffed ?? throw new BadImageException("not an image format Shoebox reads"));
    }

    // For the formats libvips cannot load itself: already-decoded upright RGB, brought to the requested size.
    internal static RgbImage Resize(RgbImage full, int size, Fit fit)
    {
        var (boxWidth, boxHeight) = Box(full.Width, full.Height, size, fit);
        using var image = Image.NewFromMemory(full.Pixels, full.Width, full.Height, 3, Enums.BandFormat.Uchar);
        using var resized = image.ThumbnailImage(boxWidth, height: boxHeight, size: Enums.Size.Down);
        var decoded = ToRgb(resized);
        return new RgbImage(decoded.Width, decoded.Height, decoded.Pixels) { SourceSize = full.SourceSize };
    }

    internal static (int Width, int Height) Box(int width, int height, int size, Fit fit) =>
        fit == Fit.Within ? (size, size) : width <= height ? (size, Unbounded) : (Unbounded, size);

    private static ImageFormat? Sniff(string path)
    {
        Span<byte> header = stackalloc byte[ImageSniffer.HeaderLength];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        var length = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return ImageSniffer.Detect(header[..length]);
    }

    private void CheckPixelLimit(int width, int height) => _options.CheckPixelLimit(width, height);

    internal static RgbImage ToRgb(Image decoded)
    {
        var image = decoded;
        var owned = new List<Image>();
        try
        {
            if (image.Interpretation != Enums.Interpretation.Srgb || image.Format != Enums.BandFormat.Uchar)
            {
                image = Keep(owned, image.Colourspace(Enums.Interpretation.Srgb));
            }
            if (image.HasAlpha())
            {
                image = Keep(owned, image.Flatten(background: White));
            }
            if (image.Bands > 3)
            {
                image = Keep(owned, image.ExtractBand(0, n: 3));
            }
            if (image.Bands == 1)
            {
                image = Keep(owned, image.Bandjoin(image, image));
            }
            if (image.Format != Enums.BandFormat.Uchar)
            {
                image = Keep(owned, image.Cast(Enums.BandFormat.Uchar));
            }
            return new RgbImage(image.Width, image.Height, image.WriteToMemory<byte>());
        }
        finally
        {
            owned.ForEach(i => i.Dispose());
        }
    }

    private static Image Keep(List<Image> owned, Image image)
    {
        owned.Add(image);
        return image;
    }

    private static ImageFormat? FormatOf(Image image)
    {
        var loader = image.Contains("vips-loader") ? (string)image.Get("vips-loader") : "";
        return loader switch
        {
            _ when loader.StartsWith("jpeg", StringComparison.Ordinal) => ImageFormat.Jpeg,
            _ when loader.StartsWith("png", StringComparison.Ordinal) => ImageFormat.Png,
            _ when loader.StartsWith("gif", StringComparison.Ordinal) => ImageFormat.Gif,
            _ when loader.StartsWith("webp", StringComparison.Ordinal) => ImageFormat.WebP,
            _ when loader.StartsWith("tiff", StringComparison.Ordinal) => ImageFormat.Tiff,
            _ when loader.StartsWith("heif", StringComparison.Ordinal) => ImageFormat.Heif,
            _ => null,
        };
    }

    private static T Run<T>(string path, Func<T> decode)
    {
        VipsSetup.ClearErrors();
        try
        {
            return decode();
        }
        catch (VipsException e)
        {
            throw new BadImageException($"cannot decode: {VipsSetup.Describe(e, path)}", e);
        }
    }
}
