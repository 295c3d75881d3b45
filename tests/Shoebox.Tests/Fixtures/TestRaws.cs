using System.Buffers.Binary;
using NetVips;
using Shoebox.Imaging;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// Camera raw files made on the spot: uncompressed DNG 1.4, either linear (three 16-bit samples a pixel, already
/// demosaiced, as phones and converters write) or a Bayer mosaic (RGGB, as cameras write), from a picture of four
/// quadrants: red top left, green top right, blue bottom left, white bottom right. Their colour matrix makes the
/// camera's space linear sRGB, so a developed raw shows those colours. Also JPEGs with the EXIF a camera writes, to
/// stand beside them.
/// </summary>
internal static class TestRaws
{
    public const string Make = "Shoebox";
    public const string Model = "Test Camera 1";

    /// <summary>Decoding as on a machine without LibRaw: it is looked for under names nothing has.</summary>
    public static readonly DecodeOptions WithoutLibRaw = new() { LibRawNames = ["libraw-not-here.so.99", "/nonexistent/libraw.dylib"] };

    private const ushort Level = 40_000;
    private const ushort Byte = 1, ExifIfd = 34665;

    // XYZ (D65) to linear sRGB: DNG's ColorMatrix1 maps XYZ to the camera's space.
    private static readonly double[] XyzToSrgb = [3.2406, -1.5372, -0.4986, -0.9689, 1.8758, 0.0415, 0.0557, -0.2040, 1.0570];

    public static (ushort R, ushort G, ushort B) Quadrant(int x, int y, int width, int height) =>
        (x < width / 2, y < height / 2) switch
        {
            (true, true) => (Level, 0, 0),
            (false, true) => (0, Level, 0),
            (true, false) => (0, 0, Level),
            (false, false) => (Level, Level, Level),
        };

    public static string LinearDng(string path, int width, int height, int orientation = 1, string? taken = null,
        string make = Make, string model = Model)
    {
        var data = new byte[width * height * 6];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Quadrant(x, y, width, height);
                var at = ((y * width) + x) * 6;
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), r);
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at + 2), g);
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at + 4), b);
            }
        }
        var tiff = Dng(width, height, orientation, taken, make, model)
            .Shorts(258, 16, 16, 16)
            .Shorts(262, 34892) // LinearRaw
            .Shorts(277, 3)
            .Strip(data);
        File.WriteAllBytes(path, TiffDir.Build(tiff));
        return path;
    }

    public static string BayerDng(string path, int width, int height, int orientation = 1, string? taken = null)
    {
        var data = new byte[width * height * 2];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Quadrant(x, y, width, height);
                // RGGB: red on even rows and columns, blue on odd ones, green between.
                var sample = (y % 2, x % 2) switch { (0, 0) => r, (1, 1) => b, _ => g };
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(((y * width) + x) * 2), sample);
            }
        }
        var tiff = Dng(width, height, orientation, taken, Make, Model)
            .Shorts(258, 16)
            .Shorts(262, 32803) // CFA
            .Shorts(277, 1)
            .Shorts(33421, 2, 2) // CFARepeatPatternDim
            .Bytes(33422, Byte, [0, 1, 1, 2]) // CFAPattern: RGGB
            .Bytes(50710, Byte, [0, 1, 2]) // CFAPlaneColor
            .Shorts(50711, 1) // CFALayout: rectangular
            .Strip(data);
        File.WriteAllBytes(path, TiffDir.Build(tiff));
        return path;
    }

    /// <summary>A JPEG of the same four quadrants with the camera's EXIF: make, model and DateTimeOriginal.</summary>
    public static string CameraJpeg(string path, int width, int height, string? taken, string make = Make, string model = Model)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Quadrant(x, y, width, height);
                var at = ((y * width) + x) * 3;
                (pixels[at], pixels[at + 1], pixels[at + 2]) = ((byte)(r >> 8), (byte)(g >> 8), (byte)(b >> 8));
            }
        }
        using var picture = Image.NewFromMemory(pixels, width, height, 3, Enums.BandFormat.Uchar);
        var jpeg = picture.JpegsaveBuffer(q: 90);
        var ifd0 = new TiffDir().Ascii(271, make).Ascii(272, model);
        if (taken is not null)
        {
            ifd0.Dirs(ExifIfd, new TiffDir().Ascii(36867, taken));
        }
        var block = TiffDir.Build(ifd0);
        var segment = new byte[4 + 6 + block.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + block.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        block.CopyTo(segment, 10);
        File.WriteAllBytes(path, [.. jpeg[..2], .. segment, .. jpeg[2..]]);
        return path;
    }

    private static TiffDir Dng(int width, int height, int orientation, string? taken, string make, string model)
    {
        var tiff = new TiffDir()
            .Longs(254, 0) // NewSubFileType: the main image
            .Longs(256, (uint)width)
            .Longs(257, (uint)height)
            .Shorts(259, 1) // uncompressed
            .Ascii(271, make)
            .Ascii(272, model)
            .Shorts(274, (ushort)orientation)
            .Longs(278, (uint)height) // one strip
            .Shorts(284, 1)
            .Bytes(50706, Byte, [1, 4, 0, 0]) // DNGVersion
            .Bytes(50707, Byte, [1, 1, 0, 0]) // DNGBackwardVersion
            .Ascii(50708, $"{make} {model}") // UniqueCameraModel
            .Longs(50717, 65535) // WhiteLevel
            .SRationals(50721, XyzToSrgb) // ColorMatrix1
            .Rational(50728, (1, 1), (1, 1), (1, 1)) // AsShotNeutral
            .Shorts(50778, 21); // CalibrationIlluminant1: D65
        if (taken is not null)
        {
            tiff.Dirs(ExifIfd, new TiffDir().Ascii(36867, taken));
        }
        return tiff;
    }
}
