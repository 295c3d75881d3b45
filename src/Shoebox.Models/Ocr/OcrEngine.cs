using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shoebox.Core;

namespace Shoebox.Models.Ocr;

/// <summary>
/// Reads the text in a photo: detection, then (only when it finds lines) direction and recognition per line.
/// Photos without text cost one detector run. Safe to share between threads (model calls take turns).
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

    /// <summary>The longest side a photo is read at.</summary>
    public const int ReadSide = 1280;

    /// <summary>
    /// Reads a photo that the engine has decoded at the sizes it needs: <paramref name="decodeWithin"/> gives the photo
    /// fitted within a longest side (with its SourceSize). Boxes are in the photo's own upright pixels, whatever size
    /// it was read at.
    /// </summary>
    public IReadOnlyList<OcrLine> ReadPhoto(Func<int, RgbImage> decodeWithin)
    {
        ArgumentNullException.ThrowIfNull(decodeWithin);
        var image = decodeWithin(ReadSide);
        var (sx, sy) = ((float)image.SourceSize.Width / image.Width, (float)image.SourceSize.Height / image.Height);
        OcrPoint Scale(OcrPoint p) => new(p.X * sx, p.Y * sy);
        return [.. Read(image).Select(line => line with
        {
            Box = new OcrBox(Scale(line.Box.TopLeft), Scale(line.Box.TopRight), Scale(line.Box.BottomRight), Scale(line.Box.BottomLeft)),
        })];
    }

    /// <summary>Lines read with confidence of at least 0.5, top to bottom; boxes in <paramref name="image"/>'s pixels.</summary>
    public IReadOnlyList<OcrLine> Read(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var boxes = _detector.Detect(image);
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
