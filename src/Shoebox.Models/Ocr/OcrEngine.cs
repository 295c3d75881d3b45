using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shoebox.Core;

namespace Shoebox.Models.Ocr;

/// <summary>
/// Reads the text in a photo: detection, then (only when it finds lines) direction and recognition per line.
/// Safe to share between threads (model calls take turns).
/// </summary>
public sealed class OcrEngine : IDisposable
{
    public const string Source = "pp-ocrv4";
    private const float MinConfidence = 0.5f;

    private readonly TextDetector _detector;
    private readonly AngleClassifier _classifier;
    private readonly TextRecognizer _recognizer;

    /// <param name="logger">Told which execution provider the models run on.</param>
    public OcrEngine(OcrModels models, int threads = 0, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        logger ??= NullLogger.Instance;
        _detector = new TextDetector(models.Detector, threads, logger);
        try
        {
            _classifier = new AngleClassifier(models.Classifier, threads, logger);
            _recognizer = new TextRecognizer(models.Recognizer, models.Keys, threads, logger);
        }
        catch
        {
            _detector.Dispose();
            _classifier?.Dispose();
            throw;
        }
        ModelLog.OcrReady(logger, models.Folder, Provider);
    }

    public string Provider => _detector.Provider;

    /// <summary>The longest side of the first look at a photo larger than that.</summary>
    public const int LookSide = 640;

    /// <summary>The longest side a photo with text is read at, whole.</summary>
    public const int ReadSide = 1280;

    /// <summary>The longest side, at most, the parts of a photo with small text are read at.</summary>
    public const int DetailSide = 2560;

    // Text whose blob in the look is thinner than this (letters under about 1.5% of the photo's height, which the
    // whole reading's 960 px detector sees at 10 pixels or less) is read again from the detail decode, detected at the
    // scale that makes its blob TargetThickness pixels thick.
    private const float DetailThickness = 5f;
    private const float TargetThickness = 12f;

    /// <summary>What the detector has done since the engine was made: how often it ran, on how many pixels.</summary>
    public OcrWork Work => _detector.Work;

    /// <summary>
    /// Reads a photo that the engine decodes at the sizes it needs: <paramref name="decodeWithin"/> gives the photo
    /// fitted within a longest side (with its SourceSize). A photo no larger than the look is read whole, as it is.
    /// A larger one gets a first look: the detector alone, on the photo at 640 px, sharpened, which sees letters down
    /// to about 1% of the photo's height; without text, that is all it costs. With text, the photo is read whole at
    /// 1280 px as before, and the parts where the look saw small text are read again from a larger decode. Boxes are
    /// in the photo's own upright pixels. <paramref name="lookSide"/> sets another size for the look (the bench
    /// measures what a smaller or larger one costs and finds).
    /// </summary>
    public IReadOnlyList<OcrLine> ReadPhoto(Func<int, RgbImage> decodeWithin, int lookSide = LookSide)
    {
        ArgumentNullException.ThrowIfNull(decodeWithin);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookSide, 64);
        var look = decodeWithin(lookSide);
        if ((look.Width, look.Height) == look.SourceSize)
        {
            return Read(look);
        }
        // Thickness thresholds are set for a 640 px look; blobs in another look are measured as if in that one.
        var toLook = (float)LookSide / Math.Max(look.Width, look.Height);
        var regions = TextRegions.Find(_detector.Map(TextRegions.Sharpened(look), lookSide), look.Width, look.Height);
        if (regions.Count == 0)
        {
            return [];
        }
        var preview = decodeWithin(ReadSide);
        var whole = PhotoLines.Placed(Read(preview), preview, 0, 0);
        var small = regions.Where(r => r.Thickness * toLook < DetailThickness).ToList();
        var sourceSide = Math.Max(look.SourceSize.Width, look.SourceSize.Height);
        // A detail decode adds pixels only when the photo holds half as many again as the whole reading's detector saw.
        if (small.Count == 0 || sourceSide < 1.5 * TextDetector.MaxSide)
        {
            return whole;
        }
        var detail = decodeWithin(DetailSideFor(sourceSide));
        var k = (float)detail.Width / look.Width;
        var parts = small.Select(r =>
        {
            var (left, top) = ((int)(r.Left * k), (int)(r.Top * k));
            var (right, bottom) = (Math.Min(detail.Width, (int)MathF.Ceiling(r.Right * k)), Math.Min(detail.Height, (int)MathF.Ceiling(r.Bottom * k)));
            var detectSide = (int)MathF.Ceiling(Math.Max(r.Width, r.Height) * Math.Min(k, TargetThickness / (r.Thickness * toLook)));
            var lines = Read(PhotoLines.Crop(detail, left, top, right - left, bottom - top), detectSide);
            return (PhotoLines.Rectangle(detail, left, top, right, bottom), (IReadOnlyList<OcrLine>)PhotoLines.Placed(lines, detail, left, top));
        }).ToList();
        return PhotoLines.Merged(whole, parts);
    }

    // Half the photo's own size when that is larger than the reading's: a JPEG then shrinks by two while it loads,
    // which costs a fraction of decoding it whole for 2560 px. Smaller photos are decoded whole.
    internal static int DetailSideFor(int sourceSide) => sourceSide >= 2 * ReadSide ? Math.Min(DetailSide, (sourceSide + 1) / 2) : sourceSide;

    /// <summary>Lines read with confidence of at least 0.5, top to bottom; boxes in <paramref name="image"/>'s pixels.</summary>
    public IReadOnlyList<OcrLine> Read(RgbImage image) => Read(image, TextDetector.MaxSide);

    /// <summary>The same, with the detector seeing <paramref name="image"/> at most <paramref name="detectSide"/> pixels long.</summary>
    internal IReadOnlyList<OcrLine> Read(RgbImage image, int detectSide)
    {
        ArgumentNullException.ThrowIfNull(image);
        var boxes = _detector.Detect(image, detectSide);
        if (boxes.Count == 0)
        {
            return [];
        }
        var crops = boxes.Select(box =>
        {
            var crop = BgrCrop.Cut(image, box);
            return crop.Height >= 1.5 * crop.Width ? crop.RotateQuarter() : crop;
        }).ToList();
        var texts = _recognizer.Read(_classifier.Upright(crops));
        var lines = new List<OcrLine>();
        for (var i = 0; i < boxes.Count; i++)
        {
            var (text, confidence) = texts[i];
            if (confidence >= MinConfidence && text.Trim().Length > 0)
            {
                lines.Add(new OcrLine(GluedWords.Split(text.Trim()), confidence, boxes[i]));
            }
        }
        return lines;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _classifier.Dispose();
        _recognizer.Dispose();
    }
}
