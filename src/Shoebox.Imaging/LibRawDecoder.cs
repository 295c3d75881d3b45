using System.Runtime.InteropServices;
using System.Text;
using Shoebox.Core;

namespace Shoebox.Imaging;

/// <summary>
/// Camera raw files developed by the system's LibRaw, for the raws whose embedded preview is too small to serve.
/// Each decode has a LibRaw handle of its own, so decodes run in parallel (the thread-safe libraw_r is preferred
/// where both builds are installed). Half-size development (each 2x2 sensor block becomes one pixel, no
/// demosaicing: about a third of the CPU) is used whenever half the sensor still covers the wanted size. The pixels come
/// out upright: libraw_dcraw_make_mem_image applies the raw's orientation (LibRaw's flip).
/// </summary>
public sealed unsafe class LibRawDecoder
{
    public const string InstallHint =
        "camera raw files without a usable preview need LibRaw: install it (Debian/Ubuntu: apt install libraw20 or libraw23; macOS: brew install libraw)";

    private const int BitmapImage = 2;
    private const int HeaderBytes = 16;
    private const int DemosaicPpg = 2;

    private readonly DecodeOptions _options;
    private readonly IReadOnlyList<string> _libraryNames;

    public LibRawDecoder(DecodeOptions? options = null)
    {
        _options = options ?? new DecodeOptions();
        _libraryNames = _options.LibRawNames;
    }

    /// <summary>Whether LibRaw is installed; asked again each time, so installing it needs no restart.</summary>
    public bool IsAvailable => LibRawLibrary.TryLoad(_libraryNames) is not null;

    /// <summary>The version LibRaw reports, or null when it is not installed.</summary>
    public string? Version => LibRawLibrary.TryLoad(_libraryNames)?.VersionText;

    /// <summary>Develops <paramref name="path"/> and brings it to <paramref name="size"/> as <paramref name="fit"/> says.</summary>
    public RgbImage Decode(string path, int size, Fit fit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var developed = Develop(path, size, fit);
        return ImageDecoder.Resize(developed, size, fit);
    }

    /// <summary>
    /// The size <paramref name="path"/> develops to (upright, as <see cref="Decode"/> gives it at full size) and its
    /// orientation, from the file's metadata alone: opened, never unpacked. libraw_adjust_sizes_info_only applies
    /// what development would (the flip, non-square pixels, Fuji's 45-degree sensors) to the sizes only. The
    /// orientation is LibRaw's flip (<see cref="LibRawSizes"/>), 1 where it cannot be read.
    /// </summary>
    public ImageHeader ReadHeader(string path, ImageFormat format) => WithOpened(path, (libRaw, data) =>
    {
        var orientation = LibRawSizes.Orientation(libRaw, data) ?? 1;
        Check(libRaw, libRaw.AdjustSizesInfoOnly(data));
        return new ImageHeader(libRaw.Width(data), libRaw.Height(data), orientation, format);
    });

    /// <summary>LibRaw's own output, before resizing: half size when that covers <paramref name="size"/>.</summary>
    internal RgbImage Develop(string path, int size, Fit fit) => WithOpened(path, (libRaw, data) =>
    {
        var (width, height) = (libRaw.Width(data), libRaw.Height(data));
        _options.CheckPixelLimit(width, height);
        var half = CoversWhenHalved(width, height, size, fit);
        LibRawParams.TrySetHalfSizeAndCameraWhiteBalance(libRaw, data, half);
        libRaw.SetOutputBps(data, 8);
        libRaw.SetDemosaic(data, DemosaicPpg);
        Check(libRaw, libRaw.Unpack(data));
        Check(libRaw, libRaw.Process(data));
        var image = Read(libRaw, data);
        var sideways = image.Width > image.Height != width > height;
        return new RgbImage(image.Width, image.Height, image.Pixels) { SourceSize = sideways ? (height, width) : (width, height) };
    });

    // A LibRaw handle of its own for each file, with the file opened (its metadata parsed) before read runs.
    private T WithOpened<T>(string path, Func<LibRawLibrary, IntPtr, T> read)
    {
        var libRaw = LibRawLibrary.TryLoad(_libraryNames) ?? throw new BadImageException($"cannot decode: {InstallHint}");
        var data = libRaw.Init(0);
        if (data == IntPtr.Zero)
        {
            throw new BadImageException("cannot decode: LibRaw could not start (out of memory)");
        }
        try
        {
            // LibRaw's default handlers print damage reports to stderr; the reason reaches the user through the code.
            libRaw.SetDataErrorHandler(data, IntPtr.Zero, IntPtr.Zero);
            libRaw.SetMemoryErrorHandler(data, IntPtr.Zero, IntPtr.Zero);
            Check(libRaw, Open(libRaw, data, path));
            CheckLength(libRaw, data, path);
            return read(libRaw, data);
        }
        finally
        {
            libRaw.Close(data);
        }
    }

    // LibRaw develops a raw whose sensor data is cut short or missing into black without a word (its decoders stop
    // where the data ends). No camera stores less than a bit a pixel, however it compresses, so a file smaller than
    // that cannot hold its sensor.
    private static void CheckLength(LibRawLibrary libRaw, IntPtr data, string path)
    {
        var (width, height) = (libRaw.RawWidth(data), libRaw.RawHeight(data));
        var length = new FileInfo(path).Length;
        if (length * 8 < (long)width * height)
        {
            throw new BadImageException($"cannot decode: the raw file is {length} bytes, too few for the {width} x {height} pixels of its sensor (truncated?)");
        }
    }

    // Half-size development halves both sides; it serves when the side the fit measures is still at least the size.
    private static bool CoversWhenHalved(int width, int height, int size, Fit fit)
    {
        var side = fit == Fit.Within ? Math.Max(width, height) : Math.Min(width, height);
        return side / 2 >= size;
    }

    private static int Open(LibRawLibrary libRaw, IntPtr data, string path)
    {
        if (libRaw.OpenWideFile != null)
        {
            fixed (char* wide = path)
            {
                return libRaw.OpenWideFile(data, wide);
            }
        }
        var bytes = Encoding.UTF8.GetBytes(path + '\0');
        fixed (byte* utf8 = bytes)
        {
            return libRaw.OpenFile(data, utf8);
        }
    }

    private static RgbImage Read(LibRawLibrary libRaw, IntPtr data)
    {
        int error;
        var processed = libRaw.MakeMemImage(data, &error);
        if (processed == IntPtr.Zero)
        {
            Check(libRaw, error == 0 ? LibRawErrors.UnsufficientMemory : error);
            throw new BadImageException("cannot decode: LibRaw returned no pixels");
        }
        try
        {
            // libraw_processed_image_t: int type; ushort height, width, colors, bits; uint data_size; uchar data[].
            var type = Marshal.ReadInt32(processed);
            var height = (ushort)Marshal.ReadInt16(processed, 4);
            var width = (ushort)Marshal.ReadInt16(processed, 6);
            var colours = (ushort)Marshal.ReadInt16(processed, 8);
            var bits = (ushort)Marshal.ReadInt16(processed, 10);
            var length = (uint)Marshal.ReadInt32(processed, 12);
            if (type != BitmapImage || bits != 8 || colours is not (1 or 3) || width == 0 || height == 0
                || length < (long)width * height * colours)
            {
                throw new BadImageException($"cannot decode: LibRaw returned an unexpected image ({width} x {height}, {colours} colours, {bits} bits)");
            }
            return ToRgb(new ReadOnlySpan<byte>((byte*)processed + HeaderBytes, width * height * colours), width, height, colours);
        }
        finally
        {
            libRaw.ClearMem(processed);
        }
    }

    private static RgbImage ToRgb(ReadOnlySpan<byte> source, int width, int height, int colours)
    {
        if (colours == 3)
        {
            return new RgbImage(width, height, source.ToArray());
        }
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < source.Length; i++)
        {
            pixels[i * 3] = pixels[(i * 3) + 1] = pixels[(i * 3) + 2] = source[i];
        }
        return new RgbImage(width, height, pixels);
    }

    private static void Check(LibRawLibrary libRaw, int code)
    {
        if (code != 0)
        {
            throw new BadImageException($"cannot decode: {LibRawErrors.Reason(code, libRaw.Describe(code))}");
        }
    }
}
