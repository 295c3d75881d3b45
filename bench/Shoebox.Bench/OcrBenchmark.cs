using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Ocr;
using Shoebox.Models.Store;

namespace Shoebox.Bench;

/// <summary>
/// `ocr`: reads the shared memes as indexing does (the engine's ReadPhoto, decoding at the sizes it asks for) and
/// scores the words read against the manifest's rendered lines (recall, precision; overall and per kind of image);
/// then, both ways (OcrWays: each photo read whole at 1280 px as before, and ReadPhoto with its first look), the cost
/// per photo on the EXIF samples, which are mostly photos without text, and the words found in scene photos with
/// signs painted in (SceneTextBenchmark).
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
        var variants = BenchArgs.Int(args, "--variants", 8);
        var scenes = BenchArgs.Option(args, "--scenes") ?? Path.Combine(Path.GetTempPath(), $"shoebox-bench-scenes-{variants}");
        if (!args.Contains("--no-memes") && (memes is null || !File.Exists(Path.Combine(memes, "manifest.json"))))
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
        var ways = new OcrWays(BenchArgs.Option(args, "--looks") is { } looks ? [.. looks.Split(',').Select(int.Parse)] : []);
        if (!args.Contains("--no-memes"))
        {
            Memes(engine, decoder, ways, memes!, limit, show);
        }
        if (photos is not null && Directory.Exists(photos))
        {
            Photos(engine, decoder, ways, photos);
            if (!args.Contains("--no-scenes"))
            {
                SceneTextBenchmark.Run(engine, decoder, ways, scenes, photos, variants);
            }
        }
        return 0;
    }

    // Both ways, one after the other per meme: a meme no larger than the first look is read whole by both, so the
    // figures and the lines must be the same; the count of memes read differently says whether they are.
    private static void Memes(OcrEngine engine, ImageDecoder decoder, OcrWays ways, string memes, int limit, int show)
    {
        var entries = Manifest(memes);
        // A fixed shuffle, so a --limit sample mixes templates and kinds and is the same every run.
        var sample = entries.OrderBy(_ => 0).ToList();
        new Random(1).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sample));
        sample = [.. sample.Take(limit)];
        var tallies = new Dictionary<string, (int Expected, int Read, int Matched, int Images)>[2] { [], [] };
        var outcomes = new List<OcrOutcome>[2] { [], [] };
        var differ = 0;
        foreach (var entry in sample)
        {
            var path = Path.Combine(memes, entry.File);
            var header = decoder.ReadHeader(path);
            var expected = OcrWays.Words(string.Join(' ', entry.Lines));
            for (var way = 0; way < 2; way++)
            {
                var outcome = ways.Read(engine, decoder, path, header, way);
                outcomes[way].Add(outcome);
                var read = OcrWays.Words(string.Join(' ', outcome.Lines.Select(x => x.Text)));
                var matched = expected.GroupBy(w => w).Sum(g => Math.Min(g.Count(), read.Count(r => r == g.Key)));
                if (way == 1 && show-- > 0 && matched < expected.Count)
                {
                    Console.WriteLine($"  {entry.File}: expected '{string.Join(' ', entry.Lines)}', read '{string.Join(" | ", outcome.Lines.Select(x => x.Text))}'");
                }
                foreach (var key in new[] { "all", entry.Kind })
                {
                    var (e, r, m, n) = tallies[way].GetValueOrDefault(key);
                    tallies[way][key] = (e + expected.Count, r + read.Count, m + matched, n + 1);
                }
            }
            differ += outcomes[0][^1].Lines.Select(x => x.Text).SequenceEqual(outcomes[1][^1].Lines.Select(x => x.Text)) ? 0 : 1;
        }
        Console.WriteLine($"memes: {sample.Count} of {entries.Count} images, {differ} read differently by the two ways");
        for (var way = 0; way < 2; way++)
        {
            var seconds = outcomes[way].Sum(o => o.Milliseconds) / 1000;
            Console.WriteLine($"  {ways.Names[way],-9} {sample.Count / seconds:0.00} images/s (decoding included) | {OcrWays.Cost(outcomes[way])}");
        }
        Console.WriteLine($"{"kind",-16} {"images",6} {"words",6} " + string.Join(' ', ways.Names.Take(2).Select(n => $"{n + " recall",14} {"precision",9}")));
        foreach (var (kind, (e, _, _, n)) in tallies[0].OrderBy(p => p.Key != "all").ThenBy(p => p.Key))
        {
            Console.WriteLine($"{kind,-16} {n,6} {e,6} " + string.Join(' ', tallies.Select(t => t[kind]).Select(t => $"{Ratio(t.Matched, t.Expected),14} {Ratio(t.Matched, t.Read),9}")));
        }
    }

    // Both ways on every camera photo the decoder reads; most hold no text, and those that the way before read nothing
    // in are shown apart: what a photo without text costs.
    private static void Photos(OcrEngine engine, ImageDecoder decoder, OcrWays ways, string photos)
    {
        var read = new List<(string File, bool Small, OcrOutcome[] Ways)>();
        foreach (var file in Directory.EnumerateFiles(photos, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".tiff" or ".heic" or ".heif").Order())
        {
            try
            {
                var header = decoder.ReadHeader(file);
                decoder.Decode(file, header, 64, Fit.Within); // broken files are left out, and the file is in the page cache for both ways
                var small = Math.Max(header.Width, header.Height) <= OcrEngine.LookSide;
                read.Add((file, small, [.. Enumerable.Range(0, ways.Names.Count).Select(way => ways.Read(engine, decoder, file, header, way))]));
            }
            catch (Exception e) when (e is BadImageException or IOException)
            {
            }
        }
        Console.WriteLine($"photos: {read.Count} decoded, {read.Count(r => !r.Small)} larger than the {OcrEngine.LookSide} px look");
        foreach (var (label, group) in new[]
        {
            ("all", read),
            ($"> {OcrEngine.LookSide} px", read.Where(r => !r.Small).ToList()),
            ("no text before", read.Where(r => !r.Small && r.Ways[0].Lines.Count == 0).ToList()),
            // Those the first look let go: what the look alone costs, against reading them whole as before.
            ("look only", read.Where(r => !r.Small && r.Ways[1].Work.DetectorRuns == 1).ToList()),
        })
        {
            for (var way = 0; way < ways.Names.Count && group.Count > 0; way++)
            {
                var outcomes = group.Select(r => r.Ways[way]).ToList();
                Console.WriteLine($"  {label,-15} {ways.Names[way],-9} {group.Count,3} photos, {outcomes.Count(o => o.Lines.Count > 0),3} with text: {OcrWays.Cost(outcomes)}");
            }
        }
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0}%";

    // Duplicates are re-saved variants (crop, half size, low quality, PNG): scored per variant.
    private static List<MemeEntry> Manifest(string folder) =>
        [.. MemesManifest.Read(folder).Select(e => e.Kind == "duplicate" && e.File.Split("--") is { Length: 3 } parts
            ? e with { Kind = "dup-" + Path.GetFileNameWithoutExtension(parts[2]) }
            : e)];
}
