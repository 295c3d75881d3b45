using Shoebox.Core;

namespace Shoebox.Models.Ocr;

/// <summary>
/// A text line cut out of the photo, upright, as 8-bit BGR (the channel order PaddleOCR's models were trained on).
/// </summary>
internal sealed class BgrCrop(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = pixels;

    /// <summary>
    /// Samples the box (a rectangle, possibly turned) onto an upright grid, bilinearly. The box is a
    /// parallelogram at worst, so the perspective warp reduces to this affine map.
    /// </summary>
    public static BgrCrop Cut(RgbImage image, OcrBox box)
    {
        var width = Math.Max(1, (int)MathF.Round(box.Width));
        var height = Math.Max(1, (int)MathF.Round(box.Height));
        var (o, r, d) = (box.TopLeft, box.TopRight, box.BottomLeft);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var v = (y + 0.5f) / height;
            for (var x = 0; x < width; x++)
            {
                var u = (x + 0.5f) / width;
                var sx = o.X + ((r.X - o.X) * u) + ((d.X - o.X) * v) - 0.5f;
                var sy = o.Y + ((r.Y - o.Y) * u) + ((d.Y - o.Y) * v) - 0.5f;
                var at = (y * width + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    pixels[at + c] = Sample(image, sx, sy, 2 - c);
                }
            }
        }
        return new BgrCrop(width, height, pixels);
    }

    /// <summary>A quarter turn counter-clockwise: tall crops hold vertical text read bottom to top.</summary>
    public BgrCrop RotateQuarter()
    {
        var pixels = new byte[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (nx, ny) = (y, Width - 1 - x);
                Array.Copy(Pixels, (y * Width + x) * 3, pixels, (ny * Height + nx) * 3, 3);
            }
        }
        return new BgrCrop(Height, Width, pixels);
    }

    public BgrCrop RotateHalf()
    {
        var pixels = new byte[Pixels.Length];
        var count = Width * Height;
        for (var i = 0; i < count; i++)
        {
            Array.Copy(Pixels, i * 3, pixels, (count - 1 - i) * 3, 3);
        }
        return new BgrCrop(Width, Height, pixels);
    }

    /// <summary>
    /// Resized to <paramref name="height"/> x <paramref name="width"/> (bilinear), scaled to [-1, 1], laid into a
    /// CHW tensor row <paramref name="padWidth"/> wide whose right part stays zero.
    /// </summary>
    public void WriteNormalised(Span<float> destination, int width, int height, int padWidth)
    {
        var plane = height * padWidth;
        var sx = (float)Width / width;
        var sy = (float)Height / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp(((y + 0.5f) * sy) - 0.5f, 0, Height - 1);
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp(((x + 0.5f) * sx) - 0.5f, 0, Width - 1);
                for (var c = 0; c < 3; c++)
                {
                    var value = Bilinear(Pixels, Width, Height, fx, fy, c);
                    destination[(c * plane) + (y * padWidth) + x] = ((value / 255f) - 0.5f) / 0.5f;
                }
            }
        }
    }

    private static byte Sample(RgbImage image, float x, float y, int channel)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        return (byte)Math.Clamp(MathF.Round(Bilinear(image.Pixels, image.Width, image.Height, x, y, channel)), 0, 255);
    }

    internal static float Bilinear(byte[] pixels, int width, int height, float x, float y, int channel)
    {
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, width - 1);
        var y1 = Math.Min(y0 + 1, height - 1);
        var ax = x - x0;
        var ay = y - y0;
        float At(int px, int py) => pixels[((py * width + px) * 3) + channel];
        var top = At(x0, y0) + ((At(x1, y0) - At(x0, y0)) * ax);
        var bottom = At(x0, y1) + ((At(x1, y1) - At(x0, y1)) * ax);
        return top + ((bottom - top) * ay);
    }
}
