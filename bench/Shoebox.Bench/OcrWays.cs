using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Ocr;

namespace Shoebox.Bench;

/// <summary>One photo read one way: the lines, the time (decoding included), the detector's work and the decodes asked for.</summary>
internal sealed record OcrOutcome(IReadOnlyList<OcrLine> Lines, double Milliseconds, OcrWork Work, IReadOnlyList<int> Decodes)
{
    public HashSet<string> Words => [.. OcrWays.Words(string.Join(' ', Lines.Select(l => l.Text)))];
}

/// <summary>
/// The ways a photo's text is read, run one after the other in the same process: "before", every photo decoded at
/// 1280 px and read whole (what indexing did until the first look), "after", the engine's ReadPhoto, and, when the
/// bench is asked for them, ReadPhoto with a first look of another size ("look N").
/// </summary>
internal sealed class OcrWays(IReadOnlyList<int> looks)
{
    public IReadOnlyList<string> Names { get; } = ["before", "after", .. looks.Select(l => $"look {l}")];

    public OcrOutcome Read(OcrEngine engine, ImageDecoder decoder, string path, ImageHeader header, int way)
    {
        var decodes = new List<int>();
        RgbImage Decode(int side)
        {
            decodes.Add(side);
            return decoder.Decode(path, header, side, Fit.Within);
        }
        var work = engine.Work;
        var clock = Stopwatch.StartNew();
        var lines = way switch
        {
            0 => engine.Read(Decode(OcrEngine.ReadSide)),
            1 => engine.ReadPhoto(Decode),
            _ => engine.ReadPhoto(Decode, looks[way - 2]),
        };
        return new OcrOutcome(lines, clock.Elapsed.TotalMilliseconds, engine.Work - work, decodes);
    }

    /// <summary>Lower-case words: letters and digits, everything else a separator.</summary>
    public static List<string> Words(string text) =>
        [.. new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    public static string Cost(IReadOnlyCollection<OcrOutcome> outcomes)
    {
        var ms = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return $"{ms.Average(),6:0} ms mean {ms[ms.Count / 2],6:0} median | detector {outcomes.Average(o => o.Work.DetectorRuns),4:0.00} runs " +
            $"{outcomes.Average(o => o.Work.DetectorPixels) / 1e6,5:0.000} Mpx | {outcomes.Average(o => o.Decodes.Count),4:0.00} decodes";
    }
}
