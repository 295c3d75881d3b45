using NetVips;

namespace Shoebox.Bench;

/// <summary>The rectangle of photo pixels a sign covers.</summary>
internal sealed record SignBounds(int Left, int Top, int Right, int Bottom);

/// <summary>How a sign looks: what it is printed on; plain panels, coloured ones, textured boards, or letters on the wall.</summary>
internal enum SignStyle
{
    Plain,
    Coloured,
    Textured,
    Wall,
}

/// <summary>
/// A sign to paint into a photo: its lines in a font at a cap height (photo pixels), centred at a point, turned by an
/// angle, seen at a slant (one edge shorter, as a sign not facing the camera), bent (a label on a round crate or a
/// bottle), and crossed by a shadow.
/// </summary>
internal sealed record SceneSign(
    IReadOnlyList<string> Lines, string Font, double CapHeight, SignStyle Style, (double X, double Y) Centre,
    double Angle, double Slant, double Bend, double Shade, int Seed)
{
    // The panel is drawn at twice the size it lands at and sampled four times per photo pixel: smooth letter edges.
    private const double Oversample = 2;

    /// <summary>
    /// The panel as drawn (RGBA, straight alpha), at twice its size in the photo. Letters on the wall are painted to
    /// stand out: light on a dark wall, dark on a light one.
    /// </summary>
    public Panel Draw(bool darkWall)
    {
        var random = new Random(Seed);
        var cap = CapHeight * Oversample;
        var masks = Lines.Select(line => Glyphs.Render(line, Font, cap)).ToList();
        var pad = (int)Math.Ceiling(cap * 0.7);
        var gap = (int)Math.Ceiling(cap * 0.45);
        var width = masks.Max(m => m.Width) + (2 * pad);
        var textHeight = masks.Sum(m => m.Height) + (gap * (masks.Count - 1));
        var bendRoom = (int)Math.Ceiling(Math.Abs(Bend) * (textHeight + (2 * pad)));
        var height = textHeight + (2 * pad) + bendRoom;
        var panel = new Panel(width, height);
        var (background, ink) = Colours(random, darkWall);
        if (Style != SignStyle.Wall)
        {
            panel.Fill(background, Style == SignStyle.Textured ? random.Next() : null);
        }
        var y = pad + (Bend > 0 ? bendRoom : 0);
        foreach (var mask in masks)
        {
            panel.Stamp(mask, (width - mask.Width) / 2, y, ink, Bend * (textHeight + (2 * pad)));
            y += mask.Height + gap;
        }
        if (Shade > 0)
        {
            panel.Shadow(random, Shade);
        }
        return panel;
    }

    private (byte[] Background, byte[] Ink) Colours(Random random, bool darkWall)
    {
        byte[][] light = [[246, 244, 236], [255, 255, 255], [238, 232, 210], [226, 229, 232]];
        byte[][] dark = [[20, 20, 24], [28, 40, 90], [120, 20, 24], [30, 30, 30]];
        byte[][] strong = [[200, 30, 36], [20, 110, 60], [24, 70, 160], [250, 205, 40], [15, 15, 15], [240, 120, 20]];
        byte[][] boards = [[150, 110, 70], [40, 44, 42], [205, 180, 140], [90, 96, 100]];
        byte[] Pick(byte[][] set) => set[random.Next(set.Length)];
        static bool Bright(byte[] c) => (0.3 * c[0]) + (0.59 * c[1]) + (0.11 * c[2]) > 128;
        switch (Style)
        {
            case SignStyle.Plain:
                return (Pick(light), Pick(dark));
            case SignStyle.Coloured:
                var colour = Pick(strong);
                return (colour, Bright(colour) ? [15, 15, 15] : [255, 255, 255]);
            case SignStyle.Textured:
                var board = Pick(boards);
                return (board, Bright(board) ? [25, 20, 15] : [245, 245, 240]);
            default:
                return ([0, 0, 0], darkWall ? [250, 250, 250] : [15, 15, 15]);
        }
    }

    /// <summary>Paints the sign into <paramref name="photo"/> (RGB, row after row); gives the bounds it covers.</summary>
    public SignBounds PaintInto(byte[] photo, int width, int height)
    {
        var (w, h) = Size();
        // The panel's far edge is shorter by Slant; then the whole is turned by Angle around the centre.
        var near = 1.0;
        var far = 1 - Math.Abs(Slant);
        var (leftScale, rightScale) = Slant >= 0 ? (near, far) : (far, near);
        (double X, double Y)[] corners =
        [
            (-w / 2, -h / 2 * leftScale), (w / 2 * (1 - (Math.Abs(Slant) * 0.3)), -h / 2 * rightScale),
            (w / 2 * (1 - (Math.Abs(Slant) * 0.3)), h / 2 * rightScale), (-w / 2, h / 2 * leftScale),
        ];
        var (cos, sin) = (Math.Cos(Angle), Math.Sin(Angle));
        var quad = corners.Select(c => (X: Centre.X + (c.X * cos) - (c.Y * sin), Y: Centre.Y + (c.X * sin) + (c.Y * cos))).ToArray();
        var x0 = Math.Max(0, (int)Math.Floor(quad.Min(q => q.X)));
        var x1 = Math.Min(width - 1, (int)Math.Ceiling(quad.Max(q => q.X)));
        var y0 = Math.Max(0, (int)Math.Floor(quad.Min(q => q.Y)));
        var y1 = Math.Min(height - 1, (int)Math.Ceiling(quad.Max(q => q.Y)));
        var panel = Draw(darkWall: Luminance(photo, width, x0, y0, x1, y1) < 128);
        var toPanel = Homography.Between(quad, [(0, 0), (panel.Width, 0), (panel.Width, panel.Height), (0, panel.Height)]);
        Span<double> sum = stackalloc double[4];
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                sum.Clear();
                for (var s = 0; s < 4; s++)
                {
                    var (px, py) = toPanel.Map(x + 0.25 + (0.5 * (s % 2)), y + 0.25 + (0.5 * (s / 2)));
                    panel.Sample(px, py, sum);
                }
                var alpha = sum[3] / 4;
                if (alpha <= 0)
                {
                    continue;
                }
                var at = ((y * width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    // sum holds alpha-weighted colour: over the photo, straight alpha.
                    photo[at + c] = (byte)Math.Clamp(Math.Round((photo[at + c] * (1 - alpha)) + (sum[c] / 4)), 0, 255);
                }
            }
        }
        return new SignBounds(x0, y0, x1 + 1, y1 + 1);
    }

    // The panel's size in photo pixels before turning: drawn once at a nominal size to measure it.
    private (double Width, double Height) Size()
    {
        var panel = Draw(darkWall: false);
        return (panel.Width / Oversample, panel.Height / Oversample);
    }

    private static double Luminance(byte[] photo, int width, int x0, int y0, int x1, int y1)
    {
        double sum = 0;
        var count = 0;
        for (var y = y0; y <= y1; y += 2)
        {
            for (var x = x0; x <= x1; x += 2)
            {
                var at = ((y * width) + x) * 3;
                sum += (0.3 * photo[at]) + (0.59 * photo[at + 1]) + (0.11 * photo[at + 2]);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /// <summary>A line of text as an alpha mask, drawn so its capital letters are <paramref name="cap"/> pixels tall.</summary>
    internal sealed record Glyphs(int Width, int Height, byte[] Alpha)
    {
        private static readonly Dictionary<string, double> CapPerDpi = [];

        public static Glyphs Render(string text, string font, double cap)
        {
            double perDpi;
            lock (CapPerDpi)
            {
                if (!CapPerDpi.TryGetValue(font, out perDpi))
                {
                    perDpi = CapPerDpi[font] = InkHeight(Draw("H", font, 600)) / 600.0;
                }
            }
            return Draw(text, font, Math.Max(8, (int)Math.Round(cap / perDpi)));
        }

        private static Glyphs Draw(string text, string font, int dpi)
        {
            using var image = Image.Text(text, font: font + " 10", dpi: dpi);
            return new Glyphs(image.Width, image.Height, image.WriteToMemory<byte>());
        }

        private static int InkHeight(Glyphs glyphs)
        {
            var rows = Enumerable.Range(0, glyphs.Height)
                .Where(y => Enumerable.Range(0, glyphs.Width).Any(x => glyphs.Alpha[(y * glyphs.Width) + x] > 127)).ToList();
            return rows.Count == 0 ? 1 : rows[^1] - rows[0] + 1;
        }
    }
}
