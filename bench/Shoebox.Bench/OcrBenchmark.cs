using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Ocr;
using Shoebox.Models.Store;

namespace Shoebox.Bench;

/// <summary>
/// `ocr`: reads the shared memes as indexing does (1280 px preview decode, then the engine) and scores the words
/// read against the manifest's rendered lines (recall, precision; overall and per kind of image); then the cost
/// per photo on the EXIF samples, which are mostly photos without text.
/// </summary>
internal static class OcrBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var memes = BenchArgs.Option(args, "--memes") ?? SharedData.Find("shared/data/memes");
        var photos = BenchArgs.Option(args, "--photos") ?? SharedData.Find("shared/data/exif-samples");
        var limit = int.TryParse(BenchArgs.Option(args, "--limit"), out var l) ? l : int.MaxValue;
        var threads = int.TryParse(BenchArgs.Option(args, "--threads"), out var t) ? t : 0;
        var show = int.TryParse(BenchArgs.Option(args, "--show"), out var s) ? s : 0;
        if (memes is null || !File.Exists(Path.Combine(memes, "manifest.json")))
        {
            Console.Error.WriteLine("error: no memes folder with manifest.json (give --memes DIR)");
            return 2;
        }
        var models = BenchArgs.Option(args, "--models") is { } folder
            ? OcrModels.Open(folder) ?? throw new InvalidOperationException($"{folder} holds no PP-OCRv4 files")
            : await OcrModels.EnsureAsync(new ModelStore(new StoreOptions()), null, CancellationToken.None);
        using var engine = new OcrEngine(models, threads);
        Console.WriteLine($"PP-OCRv4 on {engine.Provider}");
        var decoder = new ImageDecoder(new DecodeOptions());
        engine.Read(new RgbImage(64, 64, new byte[64 * 64 * 3])); // model loading stays out of the timings

        var entries = Manifest(memes);
        // A fixed shuffle, so a --limit sample mixes templates and kinds and is the same every run.
        var sample = entries.OrderBy(_ => 0).ToList();
        new Random(1).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sample));
        sample = [.. sample.Take(limit)];
        var tallies = new Dictionary<string, (int Expected, int Read, int Matched, int Images)>();
        var clock = new Stopwatch();
        foreach (var entry in sample)
        {
            var image = Decode(decoder, Path.Combine(memes, entry.File));
            clock.Start();
            var lines = engine.Read(image);
            clock.Stop();
            var expected = Words(string.Join(' ', entry.Lines));
            var read = Words(string.Join(' ', lines.Select(x => x.Text)));
            var matched = expected.GroupBy(w => w).Sum(g => Math.Min(g.Count(), read.Count(r => r == g.Key)));
            if (show-- > 0 && matched < expected.Count)
            {
                Console.WriteLine($"  {entry.File}: expected '{string.Join(' ', entry.Lines)}', read '{string.Join(" | ", lines.Select(x => x.Text))}'");
            }
            foreach (var key in new[] { "all", entry.Kind })
            {
                var (e, r, m, n) = tallies.GetValueOrDefault(key);
                tallies[key] = (e + expected.Count, r + read.Count, m + matched, n + 1);
            }
        }
        Console.WriteLine($"memes: {sample.Count} of {entries.Count} images, {sample.Count / clock.Elapsed.TotalSeconds:0.00} images/s (OCR only, decode excluded)");
        Console.WriteLine($"{"kind",-16} {"images",6} {"words",6} {"recall",7} {"precision",9}");
        foreach (var (kind, (e, r, m, n)) in tallies.OrderBy(p => p.Key != "all").ThenBy(p => p.Key))
        {
            Console.WriteLine($"{kind,-16} {n,6} {e,6} {Ratio(m, e),7} {Ratio(m, r),9}");
        }

        if (photos is not null && Directory.Exists(photos))
        {
            var files = Directory.EnumerateFiles(photos, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".tiff" or ".heic" or ".heif").Order().ToList();
            var costs = new List<double>();
            var withText = 0;
            foreach (var file in files)
            {
                RgbImage image;
                try
                {
                    image = Decode(decoder, file);
                }
                catch (Exception e) when (e is BadImageException or IOException)
                {
                    continue;
                }
                var each = Stopwatch.StartNew();
                withText += engine.Read(image).Count > 0 ? 1 : 0;
                costs.Add(each.Elapsed.TotalMilliseconds);
            }
            costs.Sort();
            if (costs.Count > 0)
            {
                Console.WriteLine($"photos: {costs.Count} decoded, {withText} with text read; OCR per photo: mean {costs.Average():0} ms, " +
                    $"median {costs[costs.Count / 2]:0} ms, p90 {costs[(int)(costs.Count * 0.9)]:0} ms");
            }
        }
        return 0;
    }

    private static RgbImage Decode(ImageDecoder decoder, string path) =>
        decoder.Decode(path, decoder.ReadHeader(path), (int)ThumbnailSize.Preview, Fit.Within);

    private static string Ratio(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0}%";

    private static List<string> Words(string text) =>
        [.. new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    // Duplicates are re-saved variants (crop, half size, low quality, PNG): scored per variant.
    private static List<MemeEntry> Manifest(string folder) =>
        [.. MemesManifest.Read(folder).Select(e => e.Kind == "duplicate" && e.File.Split("--") is { Length: 3 } parts
            ? e with { Kind = "dup-" + Path.GetFileNameWithoutExtension(parts[2]) }
            : e)];
}
