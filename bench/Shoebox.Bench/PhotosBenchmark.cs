using System.Buffers.Binary;
using System.Diagnostics;
using NetVips;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Models.Ocr;
using Shoebox.Models.Onnx;
using Shoebox.Models.Registry;
using Shoebox.Models.Synth;
using Shoebox.Models.Tags;

namespace Shoebox.Bench;

/// <summary>
/// `photos`: indexing at the speed of the model, on camera-size photos and on memes. In one run: the generated
/// ViT-B/32's image tower alone (same ONNX file, best batch), then `index` without OCR and tags, then `index` with the
/// default stages (text read, tags), each on a fresh library, as images/s and as a share of the model alone. The
/// camera set is the shared EXIF samples' JPEGs of 3 MP and more, copied until there are enough and made unique by
/// bytes after their end, 24 MP JPEGs generated here, and the HEICs, likewise copied; nothing is downloaded.
/// </summary>
internal static class PhotosBenchmark
{
    private const double MinMegapixels = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = BenchArgs.Option(args, "--samples") ?? SharedData.Find("shared/data/exif-samples");
        var memes = BenchArgs.Option(args, "--memes") ?? SharedData.Find("shared/data/memes");
        var ocrFolder = BenchArgs.Option(args, "--ocr-models") ?? Environment.GetEnvironmentVariable("SHOEBOX_OCR_MODELS");
        var cameraCount = BenchArgs.Int(args, "--camera", 448);
        var generatedCount = BenchArgs.Int(args, "--generated", 16);
        var heicCount = BenchArgs.Int(args, "--heic", 32);
        var seconds = BenchArgs.Double(args, "--seconds", 10);
        if (args.Contains("--raw"))
        {
            if (samples is null)
            {
                Console.Error.WriteLine("error: needs --samples DIR (../shared/data/exif-samples)");
                return 2;
            }
            return await RawPhotosBenchmark.RunAsync(samples, cameraCount, args);
        }
        if (samples is null || memes is null || ocrFolder is null || OcrModels.Open(ocrFolder) is not { } ocrModels)
        {
            Console.Error.WriteLine("error: needs --samples DIR (../shared/data/exif-samples), --memes DIR (../shared/data/memes) and " +
                "--ocr-models DIR or $SHOEBOX_OCR_MODELS (a folder with the PP-OCRv4 files or their npm tarball)");
            return 2;
        }
        var work = BenchArgs.Option(args, "--work") ?? Directory.CreateTempSubdirectory("shoebox-photos-").FullName;
        try
        {
            var modelDir = Path.Combine(work, "model");
            SyntheticModels.Write("vit-b32", modelDir, seed: 1);
            var camera = Path.Combine(work, "camera");
            var clock = Stopwatch.StartNew();
            var made = MakeCameraSet(samples, camera, cameraCount, generatedCount, heicCount);
            Console.WriteLine($"Camera set in {camera}: {made} in {clock.Elapsed.TotalSeconds:0} s; {Environment.ProcessorCount} cores");

            var modelAlone = ModelBenchmark.BestImageRate(Path.Combine(modelDir, SyntheticModels.VisionModelPath), seconds, [8, 16, 32]);
            Console.WriteLine($"Model alone (generated vit-b32 image tower, best batch): {modelAlone:0.0} images/s");
            Console.WriteLine();
            Console.WriteLine("| photos | run | images | seconds | images/s | share of the model alone | searchable after |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            using var ocr = new OcrEngine(ocrModels, OnnxSessionFactory.ThreadPerRun);
            // --no-memes and --plain leave out the memes and the default stages' runs, for a quicker look.
            var sets = args.Contains("--no-memes") ? new[] { ("camera", camera) } : [("camera", camera), ("memes", memes)];
            bool[] runs = args.Contains("--plain") ? [false] : [false, true];
            foreach (var (name, folder) in sets)
            {
                foreach (var withExtras in runs)
                {
                    var run = await IndexAsync(work, modelDir, folder, withExtras ? ocr : null);
                    Console.WriteLine($"| {name} | {(withExtras ? "index (default: text, tags)" : "index --no-ocr --no-tags")} | {run.Photos} | " +
                        $"{run.Seconds:0.0} | {run.Photos / run.Seconds:0.0} | {run.Photos / run.Seconds / modelAlone:0.00} | {run.Searchable:0.0} s |");
                }
            }
            Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep"))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    internal sealed record Run(int Photos, double Seconds, double Searchable);

    // A fresh library each time. Seconds are from the start of processing to the end of the run (the scan, which
    // reads and hashes every file, is the same for both and is reported apart by `crawl`); "searchable after" is
    // when every photo had its vector.
    internal static async Task<Run> IndexAsync(string work, string modelDir, string folder, OcrEngine? ocr)
    {
        var library = Path.Combine(work, "library-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var installed = LocalModel.Open(modelDir);
            using var encoder = new OnnxImageEncoder(installed, OnnxSessionFactory.ThreadPerRun);
            ZeroShotTagger? tagger = null;
            if (ocr is not null)
            {
                using var text = new OnnxTextEncoder(installed);
                tagger = new ZeroShotTagger(TagVocabulary.BuiltIn, text);
            }
            var settings = new IndexSettings { ReadText = ocr is not null, Tag = ocr is not null };
            using var pipeline = new IndexingPipeline(new Library(library), settings,
                new IndexingServices { Model = encoder.Model, Encoder = encoder, TextReader = ocr, ZeroShot = tagger });
            var indexer = new Indexer(pipeline);
            var clock = Stopwatch.StartNew();
            var run = indexer.RunAsync(new IndexTargets([folder]), CancellationToken.None);
            TimeSpan? processing = null, searchable = null;
            while (!run.IsCompleted)
            {
                var progress = indexer.Progress;
                if (processing is null && progress.Phase == IndexPhase.Processing)
                {
                    processing = clock.Elapsed;
                }
                if (searchable is null && processing is not null && progress.Phase is IndexPhase.Reading or IndexPhase.Finished)
                {
                    searchable = clock.Elapsed;
                }
                await Task.WhenAny(run, Task.Delay(20));
            }
            var summary = await run;
            var end = clock.Elapsed;
            var start = processing ?? end;
            return new Run(summary.Processed, (end - start).TotalSeconds, ((searchable ?? end) - start).TotalSeconds);
        }
        finally
        {
            Directory.Delete(library, recursive: true);
        }
    }

    /// <summary>The shared EXIF samples' JPEGs of 3 MP and more, by name.</summary>
    internal static List<string> CameraJpegs(string samples, ImageDecoder decoder) =>
        [.. Directory.EnumerateFiles(Path.Combine(samples, "jpg"), "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => Megapixels(decoder, path) >= MinMegapixels)
            .Order(StringComparer.Ordinal)];

    private static string MakeCameraSet(string samples, string folder, int cameraCount, int generatedCount, int heicCount)
    {
        Directory.CreateDirectory(folder);
        var decoder = new ImageDecoder();
        var jpegs = CameraJpegs(samples, decoder);
        var heics = Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".heic", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".heif", StringComparison.OrdinalIgnoreCase))
            .Where(path => Megapixels(decoder, path) > 0)
            .Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < cameraCount && jpegs.Count > 0; i++)
        {
            var source = jpegs[i % jpegs.Count];
            // Bytes after the JPEG's end are ignored by decoders and make the copy a photo of its own.
            WriteUnique(source, Path.Combine(folder, $"camera-{i:0000}.jpg"), bytes => [.. bytes, .. BitConverter.GetBytes(i)]);
        }
        for (var i = 0; i < generatedCount; i++)
        {
            Generated24Megapixels(Path.Combine(folder, $"generated-{i:000}.jpg"), seed: i);
        }
        for (var i = 0; i < heicCount && heics.Count > 0; i++)
        {
            // An ISO media file ends after its last box; a "free" box (which readers skip) makes the copy unique.
            WriteUnique(heics[i % heics.Count], Path.Combine(folder, $"phone-{i:0000}.heic"), bytes => [.. bytes, .. FreeBox(i)]);
        }
        var megapixels = Directory.EnumerateFiles(folder).Select(path => Megapixels(decoder, path)).ToList();
        return $"{megapixels.Count} photos ({Math.Min(cameraCount, jpegs.Count == 0 ? 0 : cameraCount)} copies of {jpegs.Count} camera JPEGs of " +
            $"{MinMegapixels:0}+ MP, {generatedCount} generated 24 MP JPEGs, {(heics.Count == 0 ? 0 : heicCount)} copies of {heics.Count} HEICs), " +
            $"median {Median(megapixels):0.0} MP";
    }

    private static void WriteUnique(string source, string target, Func<byte[], byte[]> unique) =>
        File.WriteAllBytes(target, unique(File.ReadAllBytes(source)));

    private static byte[] FreeBox(int n)
    {
        var box = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(box, 12);
        "free"u8.CopyTo(box.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(box.AsSpan(8), n);
        return box;
    }

    // A smooth coloured scene with fine grain, as a camera's: neither flat (which compresses to nothing) nor noise.
    private static void Generated24Megapixels(string path, int seed)
    {
        const int Width = 6000, Height = 4000;
        using var red = Image.Perlin(Width, Height, cellSize: 256, seed: seed * 3);
        using var green = Image.Perlin(Width, Height, cellSize: 512, seed: (seed * 3) + 1);
        using var blue = Image.Perlin(Width, Height, cellSize: 128, seed: (seed * 3) + 2);
        using var grain = Image.Gaussnoise(Width, Height, sigma: 6, mean: 0, seed: seed);
        using var joined = red.Bandjoin(green, blue);
        using var scaled = (joined * 110) + 128;
        using var grained = scaled + grain;
        using var bytes = grained.Cast(Enums.BandFormat.Uchar);
        bytes.Jpegsave(path, q: 90);
    }

    private static double Megapixels(ImageDecoder decoder, string path)
    {
        try
        {
            var header = decoder.ReadHeader(path);
            return header.Width * (double)header.Height / 1_000_000;
        }
        catch (BadImageException)
        {
            return 0;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
