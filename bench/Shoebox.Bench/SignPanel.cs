namespace Shoebox.Bench;

/// <summary>A sign's face before it is put into a photo: straight-alpha RGBA, row after row, values 0..1.</summary>
internal sealed class Panel(int width, int height)
{
    private readonly float[] _pixels = new float[width * height * 4];

    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>An opaque face in one colour; with a seed, a painted board's grain and grime over it.</summary>
    public void Fill(byte[] colour, int? textureSeed)
    {
        var random = textureSeed is { } seed ? new Random(seed) : null;
        var (frequency, phase) = (random?.NextDouble() * 0.08 + 0.02 ?? 0, random?.NextDouble() * 6 ?? 0);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var grain = random is null ? 0 : (0.07 * Math.Sin((y * frequency) + phase + (3 * Math.Sin(x * 0.004)))) + ((random.NextDouble() - 0.5) * 0.12);
                var at = ((y * Width) + x) * 4;
                for (var c = 0; c < 3; c++)
                {
                    _pixels[at + c] = (float)Math.Clamp((colour[c] / 255.0) + grain, 0, 1);
                }
                _pixels[at + 3] = 1;
            }
        }
    }

    /// <summary>
    /// Letters in <paramref name="ink"/> through the mask; each column raised by <paramref name="bend"/> pixels at the
    /// panel's middle and less towards its ends (an arched or wrapped line).
    /// </summary>
    public void Stamp(SceneSign.Glyphs mask, int left, int top, byte[] ink, double bend)
    {
        for (var x = 0; x < mask.Width; x++)
        {
            var u = (2.0 * (left + x) / Width) - 1;
            var lift = (int)Math.Round(bend * (1 - (u * u)));
            for (var y = 0; y < mask.Height; y++)
            {
                var (px, py) = (left + x, top + y - lift);
                var alpha = mask.Alpha[(y * mask.Width) + x] / 255f;
                if (alpha == 0 || px < 0 || py < 0 || px >= Width || py >= Height)
                {
                    continue;
                }
                var at = ((py * Width) + px) * 4;
                for (var c = 0; c < 3; c++)
                {
                    _pixels[at + c] = (_pixels[at + 3] == 0 ? ink[c] / 255f : (_pixels[at + c] * (1 - alpha)) + (ink[c] / 255f * alpha));
                }
                _pixels[at + 3] = Math.Max(_pixels[at + 3], alpha);
            }
        }
    }

    /// <summary>A soft-edged shadow over part of the face, darkening it by up to <paramref name="strength"/>.</summary>
    public void Shadow(Random random, double strength)
    {
        var angle = random.NextDouble() * Math.PI * 2;
        var (nx, ny) = (Math.Cos(angle), Math.Sin(angle));
        var offset = (random.NextDouble() - 0.5) * 0.6 * Math.Min(Width, Height);
        var soft = 0.08 * Math.Min(Width, Height) + 1;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var d = ((x - (Width / 2.0)) * nx) + ((y - (Height / 2.0)) * ny) - offset;
                var t = Math.Clamp((d / soft) + 0.5, 0, 1);
                var dim = (float)(1 - (strength * t * t * (3 - (2 * t))));
                var at = ((y * Width) + x) * 4;
                for (var c = 0; c < 3; c++)
                {
                    _pixels[at + c] *= dim;
                }
            }
        }
    }

    /// <summary>Adds the bilinear sample at (x, y), colour weighted by alpha, to <paramref name="sum"/> (r, g, b in 0..255, alpha).</summary>
    public void Sample(double x, double y, Span<double> sum)
    {
        x -= 0.5;
        y -= 0.5;
        if (x < -0.5 || y < -0.5 || x > Width - 0.5 || y > Height - 0.5)
        {
            return;
        }
        var (x0, y0) = ((int)Math.Floor(x), (int)Math.Floor(y));
        var (fx, fy) = (x - x0, y - y0);
        for (var j = 0; j < 2; j++)
        {
            for (var i = 0; i < 2; i++)
            {
                var weight = (i == 0 ? 1 - fx : fx) * (j == 0 ? 1 - fy : fy);
                var (px, py) = (Math.Clamp(x0 + i, 0, Width - 1), Math.Clamp(y0 + j, 0, Height - 1));
                var at = ((py * Width) + px) * 4;
                var alpha = _pixels[at + 3] * weight;
                for (var c = 0; c < 3; c++)
                {
                    sum[c] += _pixels[at + c] * 255 * alpha;
                }
                sum[3] += alpha;
            }
        }
    }
}

/// <summary>A plane-to-plane perspective map, from four point pairs.</summary>
internal sealed class Homography(double[] h)
{
    public (double X, double Y) Map(double x, double y)
    {
        var w = (h[6] * x) + (h[7] * y) + 1;
        return (((h[0] * x) + (h[1] * y) + h[2]) / w, ((h[3] * x) + (h[4] * y) + h[5]) / w);
    }

    /// <summary>The map taking each of <paramref name="from"/> to the same corner of <paramref name="to"/>.</summary>
    public static Homography Between((double X, double Y)[] from, (double X, double Y)[] to)
    {
        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var ((x, y), (u, v)) = (from[i], to[i]);
            double[] first = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] second = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var k = 0; k < 9; k++)
            {
                (a[2 * i, k], a[(2 * i) + 1, k]) = (first[k], second[k]);
            }
        }
        // Gaussian elimination with partial pivoting on the 8 x 8 system.
        for (var col = 0; col < 8; col++)
        {
            var pivot = Enumerable.Range(col, 8 - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var k = 0; k < 9; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }
            for (var r = 0; r < 8; r++)
            {
                if (r != col)
                {
                    var f = a[r, col] / a[col, col];
                    for (var k = col; k < 9; k++)
                    {
                        a[r, k] -= f * a[col, k];
                    }
                }
            }
        }
        return new Homography([.. Enumerable.Range(0, 8).Select(r => a[r, 8] / a[r, r])]);
    }
}
