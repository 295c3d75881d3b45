using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Encoders;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Search.Duplicates;

namespace Shoebox.Bench;

/// <summary>
/// What centring ResNet-18's vectors does, on the shared memes indexed with it (the duplicates bench's --work
/// library): its raw vectors are all non-negative, so every pair scores high and the relevance cutoff keeps nearly
/// everything. Each way (raw, centred on the mean of the EXIF samples, centred on the memes' own mean) is measured
/// by: a meme's template among its ten nearest other memes (its own copies left out), how many of 100 candidates
/// the cutoff keeps, and the cosines of copies (the duplicate rule's threshold) and of other templates.
/// </summary>
internal static class CentringBenchmark
{
    private static readonly double MinCosine = new DuplicateRules().MinCosine;

    public static async Task<int> RunAsync(string[] args)
    {
        var images = BenchArgs.Option(args, "--images") ?? SharedData.Find("shared/data/memes");
        var photos = BenchArgs.Option(args, "--photos") ?? SharedData.Find("shared/data/exif-samples");
        var library = BenchArgs.Option(args, "--library");
        if (images is null || photos is null || library is null)
        {
            Console.Error.WriteLine("error: pass --library DIR (the memes indexed with resnet18-imagenet, e.g. `duplicates --work W` leaves W/library), --images DIR, --photos DIR");
            return 2;
        }
        var raw = ModelRegistry.Find("resnet18-imagenet")! with { Centre = null };
        var identity = new ModelIdentity(raw.Id, BenchArgs.Option(args, "--version") ?? "mlnet-0.23.1", raw.Dimensions);
        await using var catalog = await new Library(library).OpenAsync();
        var vectors = await catalog.Vectors.LoadAllAsync(identity);
        var names = (await catalog.Photos.LoadAsync([.. vectors.Keys])).ToDictionary(p => p.Key, p => Path.GetFileName(p.Value.Paths[0]));
        var manifest = MemesManifest.Read(images).ToDictionary(e => e.File, StringComparer.Ordinal);
        var memes = vectors.Keys.Where(id => manifest.ContainsKey(names[id])).ToList();
        Console.WriteLine($"{memes.Count} memes with {identity.Key} vectors");

        var store = new ModelStore(new StoreOptions { Offline = true });
        using var encoder = new OnnxImageEncoder(new InstalledModel(raw, store.Find(ModelRegistry.Find(raw.Id)!)!.Folder));
        var decoder = new ImageDecoder();
        var samples = Directory.EnumerateFiles(photos, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        var sampleVectors = new List<float[]>();
        foreach (var file in samples)
        {
            try
            {
                sampleVectors.Add(encoder.Encode([encoder.Preprocess(decoder.Decode(file, encoder.DecodeSize, Fit.Cover))])[0]);
            }
            catch (BadImageException)
            {
                // The samples hold broken files on purpose.
            }
        }
        Console.WriteLine($"{sampleVectors.Count} EXIF samples embedded for their mean");
        var photoMean = Mean(sampleVectors);
        if (BenchArgs.Option(args, "--write-mean") is { } output)
        {
            File.WriteAllLines(output, photoMean.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            Console.WriteLine($"wrote the mean to {output}");
        }
        var ways = new (string Name, float[]? Mean)[]
        {
            ("raw", null),
            ("centred on the EXIF samples' mean", photoMean),
            ("centred on the memes' own mean", Mean([.. memes.Select(id => vectors[id])])),
        };
        foreach (var (name, mean) in ways)
        {
            var centred = memes.ToDictionary(id => id, id => mean is null ? vectors[id] : Shoebox.Models.Encoders.Vectors.Centred(vectors[id], mean));
            Report(name, centred, names, manifest);
        }
        return 0;
    }

    private static void Report(string name, Dictionary<long, float[]> vectors, Dictionary<long, string> names, Dictionary<string, MemeEntry> manifest)
    {
        string Template(long id) => names[id].Split("--")[0].Split('.')[0];
        string Original(long id) => manifest[names[id]].Original;
        var ids = vectors.Keys.Order().ToArray();
        var queries = ids.Where(id => manifest[names[id]].Kind != "duplicate").ToList();
        int hits = 0, withOthers = 0;
        var kept = new List<int>();
        foreach (var q in queries)
        {
            var ranked = ids.Where(id => id != q && Original(id) != Original(q))
                .Select(id => (PhotoId: id, Score: DuplicateRules.Cosine(vectors[q], vectors[id])))
                .OrderByDescending(h => h.Score).ThenBy(h => h.PhotoId).ToList();
            if (ranked.Any(h => Template(h.PhotoId) == Template(q)))
            {
                withOthers++;
                hits += ranked.Take(10).Any(h => Template(h.PhotoId) == Template(q)) ? 1 : 0;
            }
            // As "more like this" asks: the photo's own copies are in the pool too, the photo itself is not.
            // The cutoff of "more like this" (Ranking.ImageMargin: 0.30 below the best).
            var pool = ids.Where(id => id != q).Select(id => DuplicateRules.Cosine(vectors[q], vectors[id])).OrderDescending().Take(100).ToList();
            kept.Add(pool.Count(score => score >= pool[0] - 0.30));
        }
        var copies = ids.Where(id => manifest[names[id]].Kind == "duplicate")
            .Select(id => DuplicateRules.Cosine(vectors[id], vectors[ids.First(o => names[o] == Original(id))])).Order().ToArray();
        var others = new List<double>();
        for (var i = 0; i < ids.Length; i += 7)
        {
            for (var j = i + 1; j < ids.Length; j += 11)
            {
                if (Template(ids[i]) != Template(ids[j]))
                {
                    others.Add(DuplicateRules.Cosine(vectors[ids[i]], vectors[ids[j]]));
                }
            }
        }
        others.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            {name}:
              same template in the top 10 (own copies left out): {hits} of {withOthers} ({(double)hits / withOthers:0.000})
              kept by the cutoff (0.30 below the best) of 100 candidates: median {Median(kept)}, mean {kept.Average():0.0}
              copy to its original: min {copies[0]:0.000}, p5 {Q(copies, 0.05):0.000}, p50 {Q(copies, 0.5):0.000}; below the duplicate rule's {MinCosine}: {copies.Count(c => c < MinCosine)} of {copies.Length}
              other templates: p5 {Q(others, 0.05):0.000}, p50 {Q(others, 0.5):0.000}, p95 {Q(others, 0.95):0.000}
            """));
    }

    private static float[] Mean(List<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += vector[i] / vectors.Count;
            }
        }
        return mean;
    }


    private static double Q(IReadOnlyList<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)];

    private static int Median(List<int> values) => values.Order().ElementAt(values.Count / 2);
}
