using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Core;
using Shoebox.Models.Onnx;

namespace Shoebox.Models.Faces;

/// <summary>
/// Finds faces with BlazeFace. The photo is looked at whole (letterboxed into the model's square), then in
/// overlapping square tiles at finer and finer scales down to the decode's own pixels, so that the small faces of
/// a group photo are seen at a size the model knows; detections cut by an inner tile edge are dropped (a neighbour
/// tile holds the whole face), and what several tiles and scales found of one face is merged. Built from
/// <see cref="FaceModels"/> it runs the 256 px model: on face-api's demo photos it found the same faces as the
/// 128 px one in a fifth of the runs (about the same cost in all) and fewer false ones (the 128 px model sees faces
/// in clothing and shadows at the scores of real faces in profile).
/// </summary>
public sealed class FaceDetector : IDisposable
{
    /// <summary>The longest side of the decode worth giving <see cref="Detect"/>: a face needs about <see cref="MinDetectedSide"/> pixels in it.</summary>
    public const int DecodeSide = 1280;

    /// <summary>
    /// Faces smaller than this (box side, in the pixels of a <see cref="DecodeSide"/> decode) are beyond the model at
    /// its finest tiles and are not reported: in a 12 MP photo (4000 px long) that is a face of about 60 px.
    /// </summary>
    public const float MinDetectedSide = 20;

    /// <summary>
    /// Faces smaller than this (box side, in the photo's own pixels) are dropped as too small to recognise: the chip
    /// of such a face spans under 50 photo pixels, enlarged three times to the descriptor's 150, and the blur of more
    /// enlargement than that makes different people look alike.
    /// </summary>
    public const float MinFaceSide = 40;

    internal const float MinScore = 0.75f;
    private const float MergeOverlap = 0.3f;
    private const float TileOverlap = 0.25f;

    private readonly OnnxSessionInfo _session;
    private readonly string _input;
    private readonly string[] _outputs;
    private readonly int _side;
    private long _runs;

    public FaceDetector(string modelPath, int threads = 0, ILogger? logger = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The face detection model {modelPath} is missing.", modelPath);
        }
        _session = OnnxSessionFactory.Create(modelPath, threads, logger: logger);
        var input = _session.Session.InputMetadata.First();
        _input = input.Key;
        _side = input.Value.Dimensions[1] > 0 ? input.Value.Dimensions[1] : 128;
        // tf2onnx named the outputs Identity (fine scores), Identity_1 (coarse scores), Identity_2 and _3 (their regressions).
        _outputs = [.. _session.Session.OutputMetadata.Keys.Order(StringComparer.Ordinal)];
    }

    public FaceDetector(FaceModels models, int threads = 0, ILogger? logger = null)
        : this((models ?? throw new ArgumentNullException(nameof(models))).Back, threads, logger)
    {
    }

    public string Provider => _session.Provider;

    /// <summary>The model runs so far (one per tile), for the bench.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>
    /// The faces in <paramref name="image"/>, best first, in the pixels of the whole photo it was decoded from
    /// (<see cref="RgbImage.SourceSize"/>); none smaller than <see cref="MinFaceSide"/> there.
    /// </summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var found = new List<Candidate>();
        foreach (var window in Windows(image.Width, image.Height, _side))
        {
            found.AddRange(Tile(image, window));
        }
        var toSource = (float)image.SourceSize.Width / image.Width;
        return [.. WeightedSuppression.Apply(found, MergeOverlap)
            .Select(c => c.Mapped(toSource, 0, 0))
            .Where(c => Math.Max(c.Box.Width, c.Box.Height) >= MinFaceSide)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Box.Y).ThenBy(c => c.Box.X)
            .Select(c => new DetectedFace(c.Box, c.Keypoints, c.Score))];
    }

    public void Dispose() => _session.Dispose();

    /// <summary>A square of the image (it may reach past the edges) and whether each of its sides lies inside the image.</summary>
    internal readonly record struct Window(float X, float Y, float Side, bool InnerLeft, bool InnerTop, bool InnerRight, bool InnerBottom);

    /// <summary>
    /// The whole image first, then tiles half as large again at each level (overlapping by a quarter, so every face
    /// up to a quarter of a tile lies whole in one; larger ones are the coarser level's), down to tiles of about the
    /// model's own size, or for an image larger than
    /// <see cref="DecodeSide"/> to tiles as large as those of its decode at that size: the cost stays that of a
    /// <see cref="DecodeSide"/> decode, whatever the image.
    /// </summary>
    internal static List<Window> Windows(int width, int height, int modelSide)
    {
        var longest = Math.Max(width, height);
        var finest = modelSide * 0.75f * Math.Max(1, (float)longest / DecodeSide);
        var windows = new List<Window> { new((width - longest) / 2f, (height - longest) / 2f, longest, false, false, false, false) };
        for (var side = longest / 2f; side >= finest; side /= 2)
        {
            var xs = Starts(width, side);
            var ys = Starts(height, side);
            foreach (var y in ys)
            {
                foreach (var x in xs)
                {
                    windows.Add(new Window(x, y, side, x > 0, y > 0, x + side < width, y + side < height));
                }
            }
        }
        return windows;
    }

    // Evenly spread starts, at most (1 - overlap) of a tile apart, the first at 0 and the last flush with the edge.
    private static List<float> Starts(int length, float side)
    {
        if (side >= length)
        {
            return [(length - side) / 2];
        }
        var count = (int)Math.Ceiling((length - side) / (side * (1 - TileOverlap))) + 1;
        return [.. Enumerable.Range(0, count).Select(i => (length - side) * i / (count - 1))];
    }

    private List<Candidate> Tile(RgbImage image, Window window)
    {
        var tensor = Tensor(image, window, _side);
        var candidates = new List<Candidate>();
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, _side, _side, 3]);
        using (var outputs = _session.Run([_input], [input], _outputs))
        {
            Interlocked.Increment(ref _runs);
            for (var layer = 0; layer < FaceAnchors.Layers.Length; layer++)
            {
                var logits = outputs[layer].GetTensorDataAsSpan<float>();
                var regressions = outputs[layer + 2].GetTensorDataAsSpan<float>();
                var perCell = FaceAnchors.Layers[layer].PerCell;
                var cells = (int)Math.Round(Math.Sqrt(logits.Length / perCell));
                FaceAnchors.Decode(logits, regressions, cells, perCell, _side, MinScore, candidates);
            }
        }
        var scale = window.Side / _side;
        var margin = window.Side * 0.02f;
        var minSide = MinDetectedSide * Math.Max(1, (float)Math.Max(image.Width, image.Height) / DecodeSide);
        return [.. WeightedSuppression.Apply(candidates, MergeOverlap)
            .Select(c => c.Mapped(scale, window.X, window.Y))
            .Where(c => Math.Max(c.Box.Width, c.Box.Height) >= minSide)
            // A tile's view of a face larger than the overlap is a guess from too little context: the coarser
            // level sees such a face whole, and what a tile finds at that size there is mostly texture.
            .Where(c => window.Side >= Math.Max(image.Width, image.Height) || Math.Max(c.Box.Width, c.Box.Height) <= TileOverlap * window.Side)
            .Where(c => !(window.InnerLeft && c.Box.X < window.X + margin)
                && !(window.InnerTop && c.Box.Y < window.Y + margin)
                && !(window.InnerRight && c.Box.Right > window.X + window.Side - margin)
                && !(window.InnerBottom && c.Box.Bottom > window.Y + window.Side - margin))];
    }

    /// <summary>
    /// The window as the model's NHWC input, RGB in [-1, 1]; outside the image is mid-grey. Each input pixel averages
    /// the image pixels under it (sampled on a grid as fine as the shrink), so a much larger window does not alias.
    /// </summary>
    internal static float[] Tensor(RgbImage image, Window window, int side)
    {
        var data = new float[side * side * 3];
        var step = window.Side / side;
        var taps = Math.Clamp((int)Math.Ceiling(step), 1, 4); // more would cost more than aliasing does
        var pixels = image.Pixels;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                float r = 0, g = 0, b = 0;
                var count = 0;
                for (var ty = 0; ty < taps; ty++)
                {
                    var sy = (int)MathF.Floor(window.Y + ((y + ((ty + 0.5f) / taps)) * step));
                    if (sy < 0 || sy >= image.Height)
                    {
                        continue;
                    }
                    for (var tx = 0; tx < taps; tx++)
                    {
                        var sx = (int)MathF.Floor(window.X + ((x + ((tx + 0.5f) / taps)) * step));
                        if (sx < 0 || sx >= image.Width)
                        {
                            continue;
                        }
                        var at = ((sy * image.Width) + sx) * 3;
                        r += pixels[at];
                        g += pixels[at + 1];
                        b += pixels[at + 2];
                        count++;
                    }
                }
                var o = ((y * side) + x) * 3;
                if (count > 0)
                {
                    data[o] = (r / count / 127.5f) - 1;
                    data[o + 1] = (g / count / 127.5f) - 1;
                    data[o + 2] = (b / count / 127.5f) - 1;
                }
            }
        }
        return data;
    }
}
