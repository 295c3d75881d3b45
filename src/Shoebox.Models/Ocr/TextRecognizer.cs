using System.Text;
using Microsoft.Extensions.Logging;

namespace Shoebox.Models.Ocr;

/// <summary>
/// PP-OCRv4's CTC recogniser: line crops at height 48 (width by aspect ratio, at least 320 per batch, [-1, 1],
/// right-padded) give per-step class probabilities; the greedy path (argmax, repeats collapsed, blanks dropped)
/// is the text. Classes are blank, the keys file's lines, then a space.
/// </summary>
public sealed class TextRecognizer : IDisposable
{
    private const int Height = 48;
    private const int BatchSize = 6;
    private const float SpacePeak = 0.01f;

    private readonly OnnxRunner _model;
    private readonly string[] _classes;

    public TextRecognizer(string modelPath, string keysPath, int threads = 0, ILogger? logger = null)
    {
        var keys = File.ReadAllText(keysPath, Encoding.UTF8).Split('\n').Select(k => k.TrimEnd('\r')).ToList();
        if (keys.Count > 0 && keys[^1].Length == 0)
        {
            keys.RemoveAt(keys.Count - 1);
        }
        _classes = ["", .. keys, " "];
        _model = new OnnxRunner(modelPath, threads, logger);
    }

    public void Dispose() => _model.Dispose();

    /// <summary>Text and confidence per crop, in the crops' order.</summary>
    internal (string Text, float Confidence)[] Read(IReadOnlyList<BgrCrop> crops)
    {
        var results = new (string, float)[crops.Count];
        // Crops of similar shape share a batch, so little of each batch is padding.
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var maxRatio = batch.Max(i => (double)crops[i].Width / crops[i].Height);
            var width = (int)(Height * Math.Max(320.0 / Height, maxRatio));
            var row = 3 * Height * width;
            var data = new float[batch.Length * row];
            for (var b = 0; b < batch.Length; b++)
            {
                var crop = crops[batch[b]];
                var cropWidth = Math.Clamp((int)Math.Ceiling(Height * (double)crop.Width / crop.Height), 1, width);
                crop.WriteNormalised(data.AsSpan(b * row, row), cropWidth, Height, width);
            }
            var (probabilities, shape) = _model.Run(data, [batch.Length, 3, Height, width]);
            var (steps, classes) = ((int)shape[1], (int)shape[2]);
            if (classes != _classes.Length)
            {
                throw new InvalidDataException($"the recognition model has {classes} classes, but its character list gives {_classes.Length}.");
            }
            for (var b = 0; b < batch.Length; b++)
            {
                results[batch[b]] = Decode(probabilities.AsSpan(b * steps * classes, steps * classes), steps, classes);
            }
        }
        return results;
    }

    // Greedy CTC, with one addition: on Latin text the model rarely lets the space class win a step, yet between
    // two words its probability peaks at 0.01-0.5 inside the blank run, against under 0.005 between the letters
    // of a word (measured on rendered lines and the shared memes). Such a peak becomes a space, so words stay
    // apart and searchable: on the memes this lifts word recall from 76% to 89%.
    private (string, float) Decode(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var space = classes - 1;
        var text = new StringBuilder();
        double sum = 0;
        var kept = 0;
        var previous = -1;
        var spacePeak = 0f;
        for (var t = 0; t < steps; t++)
        {
            var step = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (step[c] > step[best])
                {
                    best = c;
                }
            }
            if (best != 0 && best != previous)
            {
                if (spacePeak > SpacePeak && best != space && text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
                text.Append(_classes[best]);
                sum += step[best];
                kept++;
                spacePeak = 0;
            }
            spacePeak = MathF.Max(spacePeak, step[space]);
            previous = best;
        }
        return (text.ToString(), kept == 0 ? 0 : (float)(sum / kept));
    }
}
