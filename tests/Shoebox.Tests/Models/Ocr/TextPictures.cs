using NetVips;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Ocr;

/// <summary>Pictures with known text, rendered with the system's fonts.</summary>
internal static class TextPictures
{
    /// <summary>Dark text on white, lines one under another.</summary>
    public static RgbImage Plain(string font, params string[] lines)
    {
        var masks = lines.Select(l => Mask(l, font)).ToList();
        var width = masks.Max(m => m.Width) + 80;
        var height = masks.Sum(m => m.Height + 30) + 50;
        var pixels = Enumerable.Repeat((byte)255, width * height * 3).ToArray();
        var y = 40;
        foreach (var mask in masks)
        {
            Paint(pixels, width, mask, 40, y, radius: 0, fill: 20, outline: 0);
            y += mask.Height + 30;
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Meme lettering: white capitals with a black outline over a busy coloured picture, top and bottom.</summary>
    public static RgbImage Meme(string font, string top, string bottom, int width = 800, int height = 600)
    {
        var pixels = Busy(width, height);
        var outline = Math.Max(2, height / 150);
        var upper = Mask(top, font);
        var lower = Mask(bottom, font);
        Paint(pixels, width, upper, (width - upper.Width) / 2, 20, outline, 255, 0);
        Paint(pixels, width, lower, (width - lower.Width) / 2, height - lower.Height - 30, outline, 255, 0);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// A camera-size photo (no text but for the sign) with a small sign in it: dark text on a light panel whose
    /// top left corner is at (<paramref name="left"/>, <paramref name="top"/>).
    /// </summary>
    public static RgbImage Sign(int width, int height, string font, string text, int left, int top)
    {
        var pixels = Busy(width, height);
        var mask = Mask(text, font);
        var margin = mask.Height / 2;
        for (var y = top; y < top + mask.Height + (2 * margin); y++)
        {
            Array.Fill(pixels, (byte)240, ((y * width) + left) * 3, (mask.Width + (2 * margin)) * 3);
        }
        Paint(pixels, width, mask, left + margin, top + margin, radius: 0, fill: 20, outline: 0);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> as a JPEG a camera might make (quality 92).</summary>
    public static string SaveJpeg(RgbImage image, string path)
    {
        using var vips = Image.NewFromMemory(image.Pixels, image.Width, image.Height, 3, Enums.BandFormat.Uchar);
        return Scenes.Save(vips, path, quality: 92);
    }

    /// <summary>A photo-like picture with no text: smooth colour fields and a little noise.</summary>
    public static RgbImage Blank(int width, int height) => new(width, height, Busy(width, height));

    private static byte[] Busy(int width, int height)
    {
        var random = new Random(7);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = (y * width + x) * 3;
                var noise = random.Next(-6, 7);
                pixels[at] = (byte)Math.Clamp(90 + (120 * x / width) + noise, 0, 255);
                pixels[at + 1] = (byte)Math.Clamp(140 - (60 * y / height) + noise, 0, 255);
                pixels[at + 2] = (byte)Math.Clamp(60 + (100 * (x + y) / (width + height)) + noise, 0, 255);
            }
        }
        return pixels;
    }

    private sealed record Glyphs(int Width, int Height, byte[] Alpha);

    private static Glyphs Mask(string text, string font)
    {
        using var image = NetVips.Image.Text(text, font: font);
        return new Glyphs(image.Width, image.Height, image.WriteToMemory<byte>());
    }

    // Outline first (the glyphs grown by `radius`), then the glyphs over it.
    private static void Paint(byte[] pixels, int width, Glyphs glyphs, int left, int top, int radius, byte fill, byte outline)
    {
        var height = pixels.Length / 3 / width;
        for (var pass = radius > 0 ? 0 : 1; pass < 2; pass++)
        {
            var reach = pass == 0 ? radius : 0;
            for (var y = -reach; y < glyphs.Height + reach; y++)
            {
                for (var x = -reach; x < glyphs.Width + reach; x++)
                {
                    var alpha = pass == 0 ? Grown(glyphs, x, y, reach) : At(glyphs, x, y);
                    var (px, py) = (left + x, top + y);
                    if (alpha == 0 || px < 0 || py < 0 || px >= width || py >= height)
                    {
                        continue;
                    }
                    var colour = pass == 0 ? outline : fill;
                    for (var c = 0; c < 3; c++)
                    {
                        var at = ((py * width) + px) * 3 + c;
                        pixels[at] = (byte)((pixels[at] * (255 - alpha) + colour * alpha) / 255);
                    }
                }
            }
        }
    }

    private static int At(Glyphs glyphs, int x, int y) =>
        x < 0 || y < 0 || x >= glyphs.Width || y >= glyphs.Height ? 0 : glyphs.Alpha[(y * glyphs.Width) + x];

    private static int Grown(Glyphs glyphs, int x, int y, int radius)
    {
        var best = 0;
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                if ((dx * dx) + (dy * dy) <= radius * radius)
                {
                    best = Math.Max(best, At(glyphs, x + dx, y + dy));
                }
            }
        }
        return best;
    }
}
