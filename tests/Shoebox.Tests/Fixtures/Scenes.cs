using NetVips;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// Pictures with shapes in them (seeded rectangles), saved as a user's copies would be: smaller, recompressed, as
/// PNG, cropped, or with a caption strip of other "words" on the same scene.
/// </summary>
public static class Scenes
{
    public static Image Draw(int seed, int width = 600, int height = 400, int? words = null)
    {
        var random = new Random(seed);
        using var background = Image.Black(width, height, bands: 3) + new double[] { random.Next(40, 200), random.Next(40, 200), random.Next(40, 200) };
        using var flat = background.Cast(Enums.BandFormat.Uchar);
        return flat.Mutate(m =>
        {
            for (var i = 0; i < 12; i++)
            {
                var w = random.Next(width / 8, width / 2);
                var h = random.Next(height / 8, height / 2);
                m.DrawRect([random.Next(256), random.Next(256), random.Next(256)], random.Next(width - w), random.Next(height - h), w, h, fill: true);
            }
            if (words is { } text)
            {
                // Letters: white blocks with black edges along the top, placed by the words' seed.
                var letters = new Random(text);
                for (var x = 20; x < width - 40; x += letters.Next(30, 60))
                {
                    var w = letters.Next(15, 30);
                    m.DrawRect([0, 0, 0], x - 3, 12, w + 6, 66, fill: true);
                    m.DrawRect([255, 255, 255], x, 15, w, 60, fill: true);
                }
            }
        });
    }

    public static string Save(Image image, string path, int quality = 90)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            image.Pngsave(path);
        }
        else
        {
            image.Jpegsave(path, q: quality);
        }
        return path;
    }

    public static string Half(Image image, string path)
    {
        using var small = image.Resize(0.5);
        return Save(small, path, 85);
    }

    /// <summary>The JPEG at <paramref name="jpeg"/> decoded and saved again as PNG: a conversion, which holds no more than the JPEG.</summary>
    public static string ConvertToPng(string jpeg, string path)
    {
        using var decoded = Image.NewFromFile(jpeg);
        return Save(decoded, path);
    }

    public static string CentreCrop(Image image, string path)
    {
        var (w, h) = ((int)(image.Width * 0.9), (int)(image.Height * 0.9));
        using var cropped = image.Crop((image.Width - w) / 2, (image.Height - h) / 2, w, h);
        return Save(cropped, path);
    }
}
