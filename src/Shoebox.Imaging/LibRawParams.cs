using System.Runtime.InteropServices;

namespace Shoebox.Imaging;

/// <summary>
/// The processing settings LibRaw has no setter for (half_size, use_camera_wb), written into its params struct
/// without knowing where that struct sits: its offset inside libraw_data_t changes with every LibRaw version (0.21
/// moved fields out of it, the maker-note structs before it grow each release). What has stayed the same from 0.18
/// to 0.21 is the run of fields <c>float bright, float threshold, int half_size, int four_color_rgb, int highlight,
/// int use_auto_wb, int use_camera_wb, int use_camera_matrix, int output_color</c>. So bright, highlight and
/// output_color are set through their setters to values nothing else holds, the three are looked for at their
/// distances from each other, and the fields between them are written there. When the run is not found (a future
/// LibRaw that reorders it) nothing is written: the photo is then decoded at full size with daylight white balance,
/// slower and a little off in colour, but never wrong in memory.
/// </summary>
internal static unsafe class LibRawParams
{
    private const float BrightMark = 3.14159274f;
    private const int HighlightMark = 7;
    private const int OutputColorMark = 6;

    // bright is followed by threshold, half_size, four_color_rgb, highlight (+16), use_auto_wb, use_camera_wb (+24),
    // use_camera_matrix and output_color (+32).
    private const int HalfSizeOffset = 8;
    private const int HighlightOffset = 16;
    private const int UseCameraWbOffset = 24;
    private const int OutputColorOffset = 32;

    // The params struct follows the image sizes, camera, lens and maker-note structs: some tens of kilobytes into
    // the LibRaw object, which is several hundred kilobytes long, so the search never reads past its end.
    private const int SearchLength = 256 * 1024;

    private const int OutputSrgb = 1;

    /// <summary>Sets half_size and use_camera_wb where the params struct is found; false when it is not.</summary>
    public static bool TrySetHalfSizeAndCameraWhiteBalance(LibRawLibrary libRaw, IntPtr data, bool halfSize)
    {
        libRaw.SetBright(data, BrightMark);
        libRaw.SetHighlight(data, HighlightMark);
        libRaw.SetOutputColor(data, OutputColorMark);
        try
        {
            var bright = Find(data);
            if (bright is null)
            {
                return false;
            }
            Marshal.WriteInt32(bright.Value + HalfSizeOffset, halfSize ? 1 : 0);
            Marshal.WriteInt32(bright.Value + UseCameraWbOffset, 1);
            return true;
        }
        finally
        {
            libRaw.SetBright(data, 1.0f);
            libRaw.SetHighlight(data, 0);
            libRaw.SetOutputColor(data, OutputSrgb);
        }
    }

    private static IntPtr? Find(IntPtr data)
    {
        var start = (byte*)data;
        var markBits = BitConverter.SingleToInt32Bits(BrightMark);
        for (var offset = 0; offset + OutputColorOffset + sizeof(int) <= SearchLength; offset += sizeof(int))
        {
            var at = start + offset;
            if (*(int*)at == markBits
                && *(int*)(at + HighlightOffset) == HighlightMark
                && *(int*)(at + OutputColorOffset) == OutputColorMark
                && *(int*)(at + HalfSizeOffset) is 0 or 1
                && *(int*)(at + UseCameraWbOffset) is 0 or 1)
            {
                return (IntPtr)at;
            }
        }
        return null;
    }
}
