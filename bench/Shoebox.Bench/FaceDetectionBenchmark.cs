using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Faces;
using Shoebox.Models.Store;

namespace Shoebox.Bench;

/// <summary>
/// `face-detection`: the cost of finding faces per photo, on the shared EXIF samples' camera JPEGs (those of 3 MP and more,
/// as `photos` takes them) and on the memes: each
/// decoded at <see cref="FaceDetector.DecodeSide"/> (timed apart), faces detected, and a chip cut for each face.
/// </summary>
internal static class FaceDetectionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var photos = BenchArgs.Option(args, "--photos") ?? SharedData.Find("shared/data/exif-samples");
        var memes = BenchArgs.Option(args, "--memes") ?? SharedData.Find("shared/data/memes");
        var threads = BenchArgs.Int(args, "--threads", 0);
        var limit = BenchArgs.Int(args, "--limit", int.MaxValue);
        var models = BenchArgs.Option(args, "--models") is { } folder
            ? FaceModels.Open(folder) ?? throw new InvalidOperationException($"{folder} holds no BlazeFace files")
            : await FaceModels.EnsureAsync(new ModelStore(new StoreOptions()), null, CancellationToken.None);
        using var detector = new FaceDetector(models, threads);
        Console.WriteLine($"BlazeFace (256 px) on {detector.Provider}, decodes at most {FaceDetector.DecodeSide} px long");
        var decoder = new ImageDecoder(new DecodeOptions());
        detector.Detect(new RgbImage(64, 64, new byte[64 * 64 * 3])); // model loading stays out of the timings
        if (photos is not null && Directory.Exists(Path.Combine(photos, "jpg")))
        {
            Run("camera JPEGs", [.. PhotosBenchmark.CameraJpegs(photos, decoder).Take(limit)], decoder, detector);
        }
        else
        {
            Console.WriteLine("camera JPEGs: no EXIF samples folder (give --photos DIR, the folder holding jpg/)");
        }
        if (memes is not null && Directory.Exists(memes))
        {
            Run("memes", [.. Directory.EnumerateFiles(memes).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(limit)], decoder, detector);
        }
        else
        {
            Console.WriteLine("memes: not found (give --memes DIR)");
        }
        return 0;
    }

    private static void Run(string name, List<string> files, ImageDecoder decoder, FaceDetector detector)
    {
        var (decode, detect, chips) = (new List<double>(), new List<double>(), 0.0);
        var (faces, withFaces, runs, megapixels) = (0, 0, detector.Runs, 0.0);
        // CPU time as well as wall time: on a shared machine the wall clock counts other processes' turns too.
        var process = Process.GetCurrentProcess();
        var cpu = TimeSpan.Zero;
        foreach (var file in files)
        {
            var clock = Stopwatch.StartNew();
            RgbImage image;
            try
            {
                image = decoder.Decode(file, FaceDetector.DecodeSide, Fit.Within);
            }
            catch (BadImageException)
            {
                continue;
            }
            decode.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            process.Refresh();
            var before = process.TotalProcessorTime;
            var found = detector.Detect(image);
            detect.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu += process.TotalProcessorTime - before;
            clock.Restart();
            foreach (var face in found)
            {
                FaceAligner.Chip(image, face);
            }
            chips += clock.Elapsed.TotalMilliseconds;
            faces += found.Count;
            withFaces += found.Count > 0 ? 1 : 0;
            megapixels += image.SourceSize.Width * (double)image.SourceSize.Height / 1e6;
        }
        if (detect.Count == 0)
        {
            Console.WriteLine($"{name}: no readable images");
            return;
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"{name}: {detect.Count} images, {megapixels / detect.Count:F1} MP on average; " +
            $"detection {detect.Average():F0} ms a photo (median {Median(detect):F0}; CPU {cpu.TotalMilliseconds / detect.Count:F0} ms; {(double)(detector.Runs - runs) / detect.Count:F0} model runs), " +
            $"decode at {FaceDetector.DecodeSide} px {decode.Average():F0} ms (median {Median(decode):F0}); " +
            $"{faces} faces in {withFaces} photos, chips {(faces == 0 ? 0 : chips / faces):F1} ms a face");
    }
}
