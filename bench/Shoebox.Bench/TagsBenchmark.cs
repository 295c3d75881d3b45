using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Models.Ocr;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Models.Tags;

namespace Shoebox.Bench;

/// <summary>
/// Automatic tags on real images. The kinds told from text and file (meme, screenshot, document) are scored against
/// the memes' manifest (a captioned meme or one of its copies is a meme; a blank template is not) and the camera
/// files (where every kind given is listed: the set also holds test cards and banners). Then the tags of a sample
/// are listed to be checked by eye.
/// Libraries are kept in --work (default a temp folder): a second run only tags again.
/// </summary>
internal static class TagsBenchmark
{
    private static readonly string[] Kinds = ["meme", "screenshot", "document"];

    public static async Task<int> RunAsync(string[] args)
    {
        var memes = BenchArgs.Option(args, "--memes") ?? SharedData.Find("shared/data/memes");
        var photos = BenchArgs.Option(args, "--photos") ?? SharedData.Find("shared/data/exif-samples");
        if (memes is null || photos is null)
        {
            Console.Error.WriteLine("error: pass --memes DIR (with manifest.json) and --photos DIR (default ../shared/data/{memes,exif-samples})");
            return 2;
        }
        var work = BenchArgs.Option(args, "--work") ?? Directory.CreateTempSubdirectory("shoebox-tags-").FullName;
        var modelId = BenchArgs.Option(args, "--model") ?? "none";
        var sample = BenchArgs.Int(args, "--show", 30);

        var store = new ModelStore(new StoreOptions { Offline = true });
        using var ocr = new OcrEngine(await OcrModels.EnsureAsync(store, null, CancellationToken.None));
        var installed = modelId == "none" ? null
            : store.Find(ModelRegistry.Find(modelId) ?? throw new ArgumentException($"unknown model {modelId}"))
              ?? throw new InvalidOperationException($"{modelId} is not installed");
        using var encoder = installed is null ? null : new OnnxImageEncoder(installed);
        ZeroShotTagger? zeroShot = null;
        if (installed?.Descriptor.CanEmbedText == true)
        {
            using var text = new OnnxTextEncoder(installed);
            zeroShot = new ZeroShotTagger(TagVocabulary.BuiltIn, text);
        }

        var tagged = new Dictionary<string, List<PhotoTag>>(StringComparer.Ordinal);
        foreach (var (name, root) in new[] { ("memes", memes), ("photos", photos) })
        {
            var library = Path.Combine(work, name);
            Console.WriteLine($"Indexing {root} into {library} (OCR{(encoder is null ? "" : ", " + modelId)}) ...");
            await new Indexer(new IndexingPipeline(
                new Library(library),
                new IndexSettings { ReadText = true, Tag = true },
                new IndexingServices { TextReader = ocr, ZeroShot = zeroShot, Model = encoder?.Model, Encoder = encoder })).RunAsync(new IndexTargets([root]), CancellationToken.None);
            await using var catalog = await new Library(library).OpenAsync();
            var all = await catalog.Photos.ListAsync(PhotoFilter.None, PhotoOrder.Oldest, 0, int.MaxValue);
            foreach (var (id, photo) in await catalog.Photos.LoadAsync(all))
            {
                tagged[$"{name}/{Path.GetRelativePath(root, photo.Paths[0])}"] = await catalog.Tags.OfPhotoAsync(id);
            }
        }

        var isMeme = MemeTruth(memes);
        Console.WriteLine();
        foreach (var kind in Kinds)
        {
            var given = tagged.Where(t => t.Value.Exists(tag => tag.Name == kind)).Select(t => t.Key).ToList();
            var wrong = given.Where(file => !(kind == "meme" && file.StartsWith("memes/", StringComparison.Ordinal) && isMeme.GetValueOrDefault(file[6..]))).ToList();
            Console.Write(string.Create(CultureInfo.InvariantCulture, $"{kind,-11} given to {given.Count,4}: precision {(given.Count == 0 ? 1 : 1 - (double)wrong.Count / given.Count):0.000}"));
            if (kind == "meme")
            {
                var memesTotal = isMeme.Count(m => m.Value);
                Console.Write(string.Create(CultureInfo.InvariantCulture, $", recall {(double)(given.Count - wrong.Count) / memesTotal:0.000} of {memesTotal} memes"));
            }
            Console.WriteLine();
            foreach (var file in wrong.Where(f => f.StartsWith("memes/", StringComparison.Ordinal)).Take(10))
            {
                Console.WriteLine($"    wrongly: {file}");
            }
        }
        // The camera set also holds test cards, banners and posters: every kind given there is listed to be judged by eye.
        var photoFiles = tagged.Keys.Where(k => k.StartsWith("photos/", StringComparison.Ordinal)).ToList();
        var kindOfPhotos = photoFiles.Where(f => tagged[f].Exists(t => Kinds.Contains(t.Name))).ToList();
        Console.WriteLine($"{kindOfPhotos.Count} of {photoFiles.Count} files of the camera set were given a kind:");
        foreach (var file in kindOfPhotos)
        {
            Console.WriteLine($"    {file}: {string.Join(", ", tagged[file].Where(t => Kinds.Contains(t.Name)).Select(t => t.Name))}");
        }

        Console.WriteLine($"\nA sample to check by eye ({sample} files, every {Math.Max(1, tagged.Count / Math.Max(1, sample))}th):");
        foreach (var (file, tags) in tagged.OrderBy(t => t.Key, StringComparer.Ordinal).Where((_, i) => i % Math.Max(1, tagged.Count / Math.Max(1, sample)) == 0).Take(sample))
        {
            Console.WriteLine($"  {file}: {string.Join(", ", tags.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Score:0.00}")))}");
        }
        var counts = tagged.Values.SelectMany(t => t).GroupBy(t => t.Name).OrderByDescending(g => g.Count()).Take(25);
        Console.WriteLine($"\nMost given: {string.Join(", ", counts.Select(g => $"{g.Key} {g.Count()}"))}");
        return 0;
    }

    // The manifest's captioned memes and their copies are memes; blank templates are pictures without words.
    private static Dictionary<string, bool> MemeTruth(string memes) =>
        MemesManifest.Read(memes).ToDictionary(e => e.File, e => e.Kind != "blank", StringComparer.Ordinal);
}
