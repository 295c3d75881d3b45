namespace Shoebox.Imaging;

/// <summary>
/// The raw's orientation as LibRaw reads it (its flip), which no call returns. The sizes struct has led LibRaw's
/// data since dcraw's time, right after the image pointer, and its first fields have kept their order in every
/// version: <c>ushort raw_height, raw_width, height, width, top_margin, left_margin, iheight, iwidth; unsigned
/// raw_pitch; double pixel_aspect; int flip</c>. The flip is read there only when the four sizes LibRaw's getters
/// return sit at their places too, so a LibRaw laid out otherwise yields nothing rather than a wrong value.
/// </summary>
internal static unsafe class LibRawSizes
{
    private const int RawHeightAt = 0, RawWidthAt = 2, HeightAt = 12, WidthAt = 14, PixelAspectAt = 24, FlipAt = 32;

    /// <summary>The EXIF orientation (1-8) of LibRaw's flip for an opened file, or null where it cannot be told.</summary>
    public static int? Orientation(LibRawLibrary libRaw, IntPtr data)
    {
        if (IntPtr.Size != 8)
        {
            return null; // the offsets above are those of 64-bit builds
        }
        var sizes = (byte*)data + IntPtr.Size;
        var laidOutAsKnown = *(ushort*)(sizes + RawHeightAt) == libRaw.RawHeight(data)
            && *(ushort*)(sizes + RawWidthAt) == libRaw.RawWidth(data)
            && *(ushort*)(sizes + HeightAt) == libRaw.Height(data)
            && *(ushort*)(sizes + WidthAt) == libRaw.Width(data)
            && *(double*)(sizes + PixelAspectAt) is > 0.1 and < 10;
        var flip = *(int*)(sizes + FlipAt);
        return laidOutAsKnown ? FromFlip(flip) : null;
    }

    // LibRaw's flip is three bits: 1 mirrors left-right, 2 top-bottom, 4 swaps rows and columns (applied first).
    private static int? FromFlip(int flip) => flip switch
    {
        0 => 1,
        1 => 2,
        2 => 4,
        3 => 3,
        4 => 5,
        5 => 8,
        6 => 6,
        7 => 7,
        _ => null,
    };
}
