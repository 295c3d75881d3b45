using NetVips;
using Shoebox.Imaging;

namespace Shoebox.Sources.Lightroom;

/// <summary>Whether libvips can open a JPEG held in memory, and its stored size; only the header is decoded.</summary>
internal static class JpegProbe
{
    static JpegProbe() => VipsSetup.EnsureInitialised();

    public static (int Width, int Height)? Size(byte[] jpeg)
    {
        var (_, _, hasScan) = JpegStructure.Measure(jpeg, 0);
        if (!hasScan)
        {
            return null;
        }
        VipsSetup.ClearErrors();
        try
        {
            using var image = Image.NewFromBuffer(jpeg, access: Enums.Access.Sequential);
            return image.Width > 0 && image.Height > 0 ? (image.Width, image.Height) : null;
        }
        catch (VipsException)
        {
            return null;
        }
    }
}
