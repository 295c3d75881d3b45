using NetVips;
using Shoebox.Core;

namespace Shoebox.Imaging;

/// <summary>A face cut out of a thumbnail for lists of people: the box with a margin around it, square, as a JPEG.</summary>
public static class FaceCrop
{
    // The box is the face alone; a third of its size on each side shows the hair and chin people know a face by.
    private const double Margin = 1.0 / 3;

    /// <summary>The face of the JPEG at <paramref name="path"/> (the photo as displayed), at most <paramref name="side"/> pixels square.</summary>
    /// <exception cref="BadImageException">The thumbnail cannot be read.</exception>
    public static byte[] Jpeg(string path, FaceRegion box, int side = 160)
    {
        try
        {
            using var image = Image.NewFromFile(path, access: Enums.Access.Sequential);
            var size = Math.Max(box.W * image.Width, box.H * image.Height) * (1 + 2 * Margin);
            var centreX = (box.X + box.W / 2) * image.Width;
            var centreY = (box.Y + box.H / 2) * image.Height;
            var square = (int)Math.Clamp(Math.Round(size), 1, Math.Min(image.Width, image.Height));
            var left = (int)Math.Clamp(Math.Round(centreX - square / 2.0), 0, image.Width - square);
            var top = (int)Math.Clamp(Math.Round(centreY - square / 2.0), 0, image.Height - square);
            using var face = image.Crop(left, top, square, square);
            using var fitted = square > side ? face.Resize((double)side / square, kernel: Enums.Kernel.Lanczos3) : face.Copy();
            return fitted.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
        }
        catch (VipsException e)
        {
            throw new BadImageException($"The face cannot be cut from {path}: {e.Message}");
        }
    }
}
