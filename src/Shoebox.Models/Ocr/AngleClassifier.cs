using Microsoft.Extensions.Logging;

namespace Shoebox.Models.Ocr;

/// <summary>
/// PaddleOCR's text direction classifier: a line crop at 3 x 48 x 192 ([-1, 1], right-padded) is labelled "0" or
/// "180"; crops read as upside down with more than 0.9 confidence are turned.
/// </summary>
public sealed class AngleClassifier : IDisposable
{
    private const int Height = 48;
    private const int Width = 192;
    private const float FlipThreshold = 0.9f;
    private const int BatchSize = 6;

    private readonly OnnxRunner _model;

    public AngleClassifier(string modelPath, int threads = 0, ILogger? logger = null) => _model = new OnnxRunner(modelPath, threads, logger);

    public void Dispose() => _model.Dispose();

    internal List<BgrCrop> Upright(IReadOnlyList<BgrCrop> crops)
    {
        var result = crops.ToList();
        var row = 3 * Height * Width;
        for (var start = 0; start < crops.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, crops.Count - start);
            var data = new float[count * row];
            for (var i = 0; i < count; i++)
            {
                var crop = crops[start + i];
                var width = Math.Min(Width, (int)Math.Ceiling(Height * (double)crop.Width / crop.Height));
                crop.WriteNormalised(data.AsSpan(i * row, row), Math.Max(1, width), Height, Width);
            }
            var (scores, shape) = _model.Run(data, [count, 3, Height, Width]);
            var classes = (int)shape[^1];
            for (var i = 0; i < count; i++)
            {
                var upright = scores[i * classes];
                var flipped = scores[(i * classes) + 1];
                if (flipped > upright && flipped > FlipThreshold)
                {
                    result[start + i] = crops[start + i].RotateHalf();
                }
            }
        }
        return result;
    }
}
