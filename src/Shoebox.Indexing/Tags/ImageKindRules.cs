using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing.Tags;

/// <summary>
/// Kinds of image told from what was read in them and from the file, without a model: a meme (big lines of text over
/// a picture, no camera), a screenshot (a PNG of exactly a screen's size, no camera), a document
/// (many lines of small text covering much of the image). These hold with any model, or none.
/// </summary>
public static class ImageKindRules
{
    /// <summary>Changes when the rules do, so every photo is tagged again.</summary>
    public const string Version = "kinds-2";

    // Screens of phones, tablets and computers sold in the last decade (width x height, either way round).
    private static readonly HashSet<(int, int)> ScreenSizes =
    [
        (640, 1136), (750, 1334), (828, 1792), (1125, 2436), (1170, 2532), (1179, 2556), (1242, 2208), (1242, 2688),
        (1284, 2778), (1290, 2796), (720, 1280), (1080, 1920), (1080, 2340), (1080, 2400), (1440, 2560), (1440, 3040),
        (1440, 3200), (1536, 2048), (1620, 2160), (1640, 2360), (1668, 2388), (2048, 2732), (1280, 720), (1280, 800),
        (1366, 768), (1440, 900), (1536, 864), (1600, 900), (1680, 1050), (1920, 1080), (1920, 1200), (2560, 1440),
        (2560, 1600), (2880, 1800), (3024, 1964), (3456, 2234), (3840, 2160),
    ];

    public static List<ScoredTag> Tag(CatalogPhoto photo, IReadOnlyList<RecognizedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(lines);
        if (photo.Width is not { } width || photo.Height is not { } height || width <= 0 || height <= 0)
        {
            return [];
        }
        var camera = photo.CameraMake is not null || photo.CameraModel is not null;
        var read = lines.Where(l => l.Confidence >= 0.8 && l.Corners.Count == 4 && l.Text.Count(char.IsLetterOrDigit) >= 2)
            .Select(l => Box.Of(l, width, height))
            .ToList();
        var small = read.Count(b => b.Height < 0.03);
        var coverage = Math.Min(1, read.Sum(b => b.Width * b.Height));
        var tags = new List<ScoredTag>();

        // A PNG of exactly a screen's size and no camera: what phones and computers save. A JPEG of that size is as
        // likely a camera's (2048 x 1536 is a 4:3 sensor's as well as an iPad's), and lots of small text alone is not
        // enough either: comic-strip memes have that too.
        var screenSized = ScreenSizes.Contains((width, height)) || ScreenSizes.Contains((height, width));
        if (!camera && screenSized && photo.Format == ImageFormat.Png)
        {
            tags.Add(new ScoredTag("screenshot", 0.9));
        }
        else if (small >= 8 && coverage >= 0.15)
        {
            tags.Add(new ScoredTag("document", Math.Min(0.95, 0.6 + coverage)));
        }
        else if (!camera && read.Count is > 0 and <= 16 && small * 2 < read.Count)
        {
            // Top and bottom captions are centred in a band at the edge; label memes put several big words anywhere.
            var top = read.Any(b => b.IsCaption && b.CentreY < 0.3);
            var bottom = read.Any(b => b.IsCaption && b.CentreY > 0.7);
            var labels = read.Count(b => b.Height >= 0.04) >= 3;
            if (top || bottom || labels)
            {
                tags.Add(new ScoredTag("meme", top && bottom ? 0.95 : 0.8));
            }
        }
        return tags;
    }

    // A line's box in fractions of the image.
    private readonly record struct Box(double CentreX, double CentreY, double Width, double Height)
    {
        public bool IsCaption => Height >= 0.035 && Math.Abs(CentreX - 0.5) <= 0.12;

        public static Box Of(RecognizedLine line, int width, int height)
        {
            var xs = line.Corners.Select(c => c.X).ToArray();
            var ys = line.Corners.Select(c => c.Y).ToArray();
            return new Box(
                (xs.Min() + xs.Max()) / 2 / width, (ys.Min() + ys.Max()) / 2 / height,
                (xs.Max() - xs.Min()) / width, (ys.Max() - ys.Min()) / height);
        }
    }
}
