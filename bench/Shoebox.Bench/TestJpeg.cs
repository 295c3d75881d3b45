using NetVips;

namespace Shoebox.Bench;

/// <summary>A synthetic photo: smooth colour gradients plus coarse and fine noise, so it compresses like a camera JPEG.</summary>
internal static class TestJpeg
{
    public static void Write(string path, int width, int height, int quality = 90)
    {
        // Gradients stand in for sky and walls, blurred noise for texture, fine noise for sensor grain: about 3 MB at
        // quality 90, like a phone photo. Gradients alone would compress to a few hundred KB and make entropy decoding,
        // a real part of the cost, unrealistically cheap. Fixed seeds: the same file every run.
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        using var diagonal = x + y;
        using var coordinates = x.Bandjoin(y, diagonal);
        using var gradient = coordinates.Linear([170.0 / width, 150.0 / height, 110.0 / (width + height)], [40.0, 50.0, 70.0]);
        using var coarse = Image.Gaussnoise(width, height, sigma: 250, mean: 0, seed: 1);
        using var texture = coarse.Gaussblur(4); // about +-20 levels after the blur
        using var grain = Image.Gaussnoise(width, height, sigma: 4, mean: 0, seed: 2);
        using var noise = texture + grain;
        using var photo = gradient + noise;
        using var pixels = photo.Cast(Enums.BandFormat.Uchar); // clips to 0..255
        using var srgb = pixels.Copy(interpretation: Enums.Interpretation.Srgb);
        srgb.Jpegsave(path, q: quality);
    }
}
