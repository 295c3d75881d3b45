using System.Runtime.InteropServices;
using Shoebox.Core;

namespace Shoebox.Imaging;

/// <summary>
/// HEIC/HEIF (HEVC-coded, as iPhones write) through the system's libheif. The libvips build that ships on NuGet
/// leaves out the HEVC decoder for patent reasons, so these files come here instead: libheif1 with libde265 on
/// Debian and Ubuntu, `brew install libheif` on macOS. libheif applies the container's rotation and mirroring
/// (irot/imir), so its pixels are already upright and the EXIF orientation must not be applied again.
/// </summary>
internal static partial class LibHeif
{
    private const string Library = NativeLibraries.Heif;
    private const int ColorspaceRgb = 1;
    private const int ChromaInterleavedRgb = 10;
    private const int ChannelInterleaved = 10;

    public const string InstallHint =
        "HEIC/HEIF photos need libheif with an HEVC decoder: install it (Debian/Ubuntu: apt-get install libheif1 libde265-0; macOS: brew install libheif)";

    static LibHeif() => NativeLibraries.EnsureRegistered();

    /// <summary>The displayed size (after rotation) of the primary image, read without decoding.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        using var file = Open(path);
        return (heif_image_handle_get_width(file.Handle), heif_image_handle_get_height(file.Handle));
    }

    /// <summary>The primary image as upright 8-bit RGB (the caller has checked its size against the pixel limit).</summary>
    public static RgbImage Decode(string path)
    {
        using var file = Open(path);
        Check(heif_decode_image(file.Handle, out var image, ColorspaceRgb, ChromaInterleavedRgb, IntPtr.Zero));
        try
        {
            var width = heif_image_get_width(image, ChannelInterleaved);
            var height = heif_image_get_height(image, ChannelInterleaved);
            var plane = heif_image_get_plane_readonly(image, ChannelInterleaved, out var stride);
            if (plane == IntPtr.Zero || width <= 0 || height <= 0)
            {
                throw new BadImageException("cannot decode: libheif returned no pixels");
            }
            var pixels = new byte[width * height * 3];
            for (var row = 0; row < height; row++)
            {
                Marshal.Copy(plane + (row * stride), pixels, row * width * 3, width * 3);
            }
            return new RgbImage(width, height, pixels);
        }
        finally
        {
            heif_image_release(image);
        }
    }

    private static OpenFile Open(string path)
    {
        IntPtr context;
        try
        {
            context = heif_context_alloc();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new BadImageException(InstallHint, e);
        }
        try
        {
            Check(heif_context_read_from_file(context, path, IntPtr.Zero));
            Check(heif_context_get_primary_image_handle(context, out var handle));
            return new OpenFile(context, handle);
        }
        catch
        {
            heif_context_free(context);
            throw;
        }
    }

    private static void Check(HeifError error)
    {
        if (error.Code != 0)
        {
            var message = Marshal.PtrToStringUTF8(error.Message) ?? $"error {error.Code}.{error.Subcode}";
            throw new BadImageException(error.Code == 4 && message.Contains("decoder", StringComparison.OrdinalIgnoreCase)
                ? $"cannot decode: {message}. {InstallHint}"
                : $"cannot decode: {message}");
        }
    }

    private sealed class OpenFile(IntPtr context, IntPtr handle) : IDisposable
    {
        public IntPtr Handle => handle;

        public void Dispose()
        {
            heif_image_handle_release(handle);
            heif_context_free(context);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct HeifError
    {
        public readonly int Code;
        public readonly int Subcode;
        public readonly IntPtr Message;
    }

    [LibraryImport(Library)]
    private static partial IntPtr heif_context_alloc();

    [LibraryImport(Library)]
    private static partial void heif_context_free(IntPtr context);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial HeifError heif_context_read_from_file(IntPtr context, string path, IntPtr options);

    [LibraryImport(Library)]
    private static partial HeifError heif_context_get_primary_image_handle(IntPtr context, out IntPtr handle);

    [LibraryImport(Library)]
    private static partial void heif_image_handle_release(IntPtr handle);

    [LibraryImport(Library)]
    private static partial int heif_image_handle_get_width(IntPtr handle);

    [LibraryImport(Library)]
    private static partial int heif_image_handle_get_height(IntPtr handle);

    [LibraryImport(Library)]
    private static partial HeifError heif_decode_image(IntPtr handle, out IntPtr image, int colorspace, int chroma, IntPtr options);

    [LibraryImport(Library)]
    private static partial int heif_image_get_width(IntPtr image, int channel);

    [LibraryImport(Library)]
    private static partial int heif_image_get_height(IntPtr image, int channel);

    [LibraryImport(Library)]
    private static partial IntPtr heif_image_get_plane_readonly(IntPtr image, int channel, out int stride);

    [LibraryImport(Library)]
    private static partial void heif_image_release(IntPtr image);
}
