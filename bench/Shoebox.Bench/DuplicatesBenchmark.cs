using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Models.Ocr;
using Shoebox.Models.Onnx;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Search.Duplicates;

namespace Shoebox.Bench;

/// <summary>
/// Duplicate groups against the memes' manifest: each captioned meme with its re-saved, halved, cropped and PNG
/// copies is one group; the same template with other words, or blank, is not part of it. Pair precision and recall,
/// then the hash distances and similarities of true and false pairs, to choose the rules from.
/// </summary>
internal static class DuplicatesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var images = Option(args, "--images") ?? SharedData.Find("shared/data/memes");
        if (images is null || !File.Exists(Path.Combine(images, "manifest.json")))
        {
            Console.Error.WriteLine("error: no memes: pass --images DIR holding manifest.json (default ../shared/data/memes)");
            return 2;
        }
        var modelId = Option(args, "--model") ?? "resnet18-imagenet";
        // --work DIR keeps the indexed library there and takes it up again next time (only what is pending is done).
        var kept = Option(args, "--work");
        var work = kept ?? Directory.CreateTempSubdirectory("shoebox-dups-").FullName;
        try
        {
            var library = Path.Combine(work, "library");
            ModelIdentity? identity = null;
            // --ocr reads the text in the memes too, which the rules use to keep other captions apart.
            using var ocr = args.Contains("--ocr")
                ? new OcrEngine(await OcrModels.EnsureAsync(new ModelStore(new StoreOptions { Offline = true }), null, CancellationToken.None))
                : null;
            var settings = new IndexSettings { ReadText = ocr is not null, Tag = false };
            if (modelId != "none")
            {
                var store = new ModelStore(new StoreOptions { Folder = Path.Combine(work, "models"), Offline = true });
                var descriptor = ModelRegistry.Find(modelId) ?? throw new ArgumentException($"unknown model {modelId}");
                var installed = store.Find(descriptor) ?? throw new InvalidOperationException($"{modelId} is not installed");
                using var encoder = new OnnxImageEncoder(installed, OnnxSessionFactory.ThreadPerRun);
                identity = encoder.Model;
                Console.WriteLine($"Indexing {images} with {modelId}{(ocr is null ? "" : " and OCR")} ...");
                await new Indexer(new IndexingPipeline(new Library(library), settings, new IndexingServices { Model = encoder.Model, Encoder = encoder, TextReader = ocr }))
                    .RunAsync(new IndexTargets([images]), CancellationToken.None);
            }
            else
            {
                await new Indexer(new IndexingPipeline(new Library(library), settings, new IndexingServices { TextReader = ocr }))
                    .RunAsync(new IndexTargets([images]), CancellationToken.None);
            }
            var truth = Truth(images);
            await using var catalog = await new Library(library).OpenAsync();
            var names = (await catalog.Photos.LoadAsync([.. (await catalog.Duplicates.LoadPrintsAsync()).Keys]))
                .ToDictionary(p => p.Key, p => Path.GetFileName(p.Value.Paths[0]));
            await DistancesAsync(catalog, identity, names, truth);
            var rules = new DuplicateRules
            {
                MaxHashDistance = Int(args, "--hash", new DuplicateRules().MaxHashDistance),
                MaxGreyDifference = Int(args, "--grey", new DuplicateRules().MaxGreyDifference),
                MinCosine = Double(args, "--cosine", new DuplicateRules().MinCosine),
            };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var groups = await DuplicateFinder.FindAsync(catalog, identity, rules);
            Console.WriteLine($"\nFound in {watch.Elapsed.TotalMilliseconds:0} ms");
            var predicted = new HashSet<(string, string)>();
            foreach (var group in groups.Where(g => g.Kind == "near"))
            {
                var files = group.Members.Select(m => names.GetValueOrDefault(m.Id, "?")).Order(StringComparer.Ordinal).ToList();
                for (var i = 0; i < files.Count; i++)
                {
                    for (var j = i + 1; j < files.Count; j++)
                    {
                        predicted.Add((files[i], files[j]));
                    }
                }
            }
            var truePairs = predicted.Count(truth.Contains);
            Console.WriteLine($"\nRules: pHash <= {rules.MaxHashDistance}, grey difference <= {rules.MaxGreyDifference} (directly or centre to whole), cosine >= {rules.MinCosine} with vectors");
            Console.WriteLine($"{groups.Count(g => g.Kind == "near")} near groups; pairs: {predicted.Count} found, {truth.Count} true, {truePairs} right");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"precision {(predicted.Count == 0 ? 1 : (double)truePairs / predicted.Count):0.000}, recall {(double)truePairs / truth.Count:0.000}"));
            // The keeper should be the captioned meme itself: every copy was made from it (smaller, quality 35, PNG, cropped).
            var originals = MemesManifest.Read(images).ToDictionary(e => e.File, e => e.Original, StringComparer.Ordinal);
            var near = groups.Where(g => g.Kind == "near").ToList();
            var rightKeepers = near.Count(g => names.GetValueOrDefault(g.Keeper.Id) is { } file && originals.GetValueOrDefault(file) == file);
            Console.WriteLine($"keeper is the original meme in {rightKeepers} of {near.Count} groups");
            foreach (var group in near.Where(g => names.GetValueOrDefault(g.Keeper.Id) is { } file && originals.GetValueOrDefault(file) != file).Take(5))
            {
                Console.WriteLine($"  kept {names.GetValueOrDefault(group.Keeper.Id)} ({group.Keeper.Reason}) over {string.Join(", ", group.Others.Select(m => names.GetValueOrDefault(m.Id)))}");
            }
            foreach (var wrong in predicted.Where(p => !truth.Contains(p)).Take(BenchArgs.Int(args, "--show", 10)))
            {
                Console.WriteLine($"  wrong: {wrong.Item1} ~ {wrong.Item2}");
            }
            foreach (var missed in truth.Where(p => !predicted.Contains(p)).Take(BenchArgs.Int(args, "--show", 10)))
            {
                Console.WriteLine($"  missed: {missed.Item1} ~ {missed.Item2}");
            }
            return 0;
        }
        finally
        {
            if (kept is null && !args.Contains("--keep"))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    // Every pair within a captioned meme and its copies, names in order.
    private static HashSet<(string, string)> Truth(string images)
    {
        var groups = MemesManifest.Read(images).GroupBy(e => e.Original, e => e.File);
        var pairs = new HashSet<(string, string)>();
        foreach (var files in groups.Select(g => g.Order(StringComparer.Ordinal).ToList()))
        {
            for (var i = 0; i < files.Count; i++)
            {
                for (var j = i + 1; j < files.Count; j++)
                {
                    pairs.Add((files[i], files[j]));
                }
            }
        }
        return pairs;
    }

    // Distributions per kind of pair: copies (by derivative), other words on the template, the blank template, others.
    private static async Task DistancesAsync(PhotoCatalog catalog, ModelIdentity? model, Dictionary<long, string> names, HashSet<(string, string)> truth)
    {
        var prints = (await catalog.Duplicates.LoadPrintsAsync()).ToDictionary(h => h.Key, h => new GreyPrint(h.Value.Hash, h.Value.Grey, h.Value.Centre));
        var vectors = model is null ? [] : await catalog.Vectors.LoadAllAsync(model);
        var kinds = new Dictionary<string, List<(int Distance, double Grey, double Cosine)>>(StringComparer.Ordinal);
        var ids = prints.Keys.Where(names.ContainsKey).ToArray();
        foreach (var a in ids)
        {
            foreach (var b in ids)
            {
                var (na, nb) = (names[a], names[b]);
                if (string.CompareOrdinal(na, nb) >= 0)
                {
                    continue;
                }
                var template = na.Split("--")[0].Split('.')[0] == nb.Split("--")[0].Split('.')[0];
                string kind;
                if (truth.Contains((na, nb)))
                {
                    var derived = na.Split("--").Length > 2 ? na : nb;
                    kind = "copy " + derived.Split("--").Last().Split('.')[0];
                    if (na.Split("--").Length > 2 && nb.Split("--").Length > 2)
                    {
                        kind = "copy vs copy";
                    }
                }
                else
                {
                    kind = template ? "same template, not a copy" : "other template";
                }
                if (!kinds.TryGetValue(kind, out var list))
                {
                    kinds[kind] = list = [];
                }
                var cosine = vectors.TryGetValue(a, out var va) && vectors.TryGetValue(b, out var vb) ? DuplicateRules.Cosine(va, vb) : double.NaN;
                var (pa, pb) = (prints[a], prints[b]);
                var distance = Math.Min(PerceptualHash.Distance(pa.Hash, pb.Hash), Math.Min(PerceptualHash.Distance(pa.CentreHash, pb.Hash), PerceptualHash.Distance(pa.Hash, pb.CentreHash)));
                var grey = Math.Min(GreyPrint.Difference(pa.Grey, pb.Grey), Math.Min(GreyPrint.Difference(pa.CentreGrey, pb.Grey), GreyPrint.Difference(pa.Grey, pb.CentreGrey)));
                list.Add((distance, grey, cosine));
            }
        }
        Console.WriteLine("\npair kind: count | pHash distance p5 p50 p95 (min..max) | grey difference | cosine p5 p50 p95 (min..max)");
        foreach (var (kind, list) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var d = list.Select(p => (double)p.Distance).Order().ToArray();
            var c = list.Select(p => p.Cosine).Order().ToArray();
            var g = list.Select(p => p.Grey).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind}: {list.Count} | {Q(d, 0.05):0} {Q(d, 0.5):0} {Q(d, 0.95):0} ({d[0]:0}..{d[^1]:0}) | {Q(g, 0.05):0.0} {Q(g, 0.5):0.0} {Q(g, 0.95):0.0} ({g[0]:0.0}..{g[^1]:0.0}) | {Q(c, 0.05):0.000} {Q(c, 0.5):0.000} {Q(c, 0.95):0.000} ({c[0]:0.000}..{c[^1]:0.000})"));
        }
    }

    private static double Q(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    private static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static double Double(string[] args, string name, double fallback) =>
        Option(args, name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
