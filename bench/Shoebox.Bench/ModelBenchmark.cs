using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Onnx;
using Shoebox.Models.Synth;

namespace Shoebox.Bench;

/// <summary>
/// `model`: raw ONNX Runtime throughput of a ViT-B/32-shaped CLIP (random weights, written on the fly), i.e. the
/// ceiling any indexing pipeline on this machine runs against. Image tower per batch size, then text latency.
/// </summary>
public static class ModelBenchmark
{
    // Forward cost of one 224 px image through ViT-B/32 (multiply-adds counted as two operations).
    private const double GflopPerImage = 8.8;
    private const string Anchor = "PyTorch-exported ViT-B/32, same machine: about 9 images/s at batch 1, 13-14 at batch 4-16";

    public static int Run(string[] args)
    {
        // --images DIR is the end-to-end part's own option; the rest are the model timings'.
        var at = Array.IndexOf(args, "--images");
        var images = at >= 0 && at + 1 < args.Length ? args[at + 1] : SharedData.Find(Path.Combine("shared", "data", "memes"));
        args = at >= 0 ? [.. args[..at], .. args[Math.Min(args.Length, at + 2)..]] : args;
        if (!TryParse(args, out var options, out var problem))
        {
            Console.Error.WriteLine($"error: {problem}");
            Console.Error.WriteLine("usage: model [--model DIR] [--seconds N] [--batches 1,2,4] [--threads N] [--keep]");
            return 2;
        }
        var generated = options.ModelDir is null;
        var dir = options.ModelDir ?? Directory.CreateTempSubdirectory("shoebox-model-").FullName;
        try
        {
            if (generated)
            {
                var clock = Stopwatch.StartNew();
                SyntheticModels.Write("vit-b32", dir);
                Console.WriteLine($"Wrote synthetic vit-b32 to {dir} in {clock.Elapsed.TotalSeconds:0.0} s " +
                    $"(vision {MegaBytes(dir, SyntheticModels.VisionModelPath)} MB, text {MegaBytes(dir, SyntheticModels.TextModelPath)} MB)");
            }
            Console.WriteLine($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, {Environment.ProcessorCount} logical cores");
            var modelOnly = Image(Path.Combine(dir, SyntheticModels.VisionModelPath), options);
            Text(Path.Combine(dir, SyntheticModels.TextModelPath), options);
            if (images is null)
            {
                Console.WriteLine("End to end skipped: no --images DIR and shared/data/memes not found above the current folder");
            }
            else
            {
                EndToEndBenchmark.RunAsync(dir, images, modelOnly).GetAwaiter().GetResult();
            }
            Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            return 0;
        }
        finally
        {
            if (generated && !options.Keep)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>The image tower's best rate over <paramref name="batches"/>: the ceiling an index run is measured against.</summary>
    internal static double BestImageRate(string modelPath, double seconds, int[] batches)
    {
        var options = new Options(null, seconds, batches, 0, false);
        return Image(modelPath, options);
    }

    private static double Image(string modelPath, Options options)
    {
        var best = 0.0;
        using var info = Open(modelPath, options, "image tower");
        var random = new Random(1);
        Console.WriteLine();
        // CPU use is this process's CPU time over wall time times cores. Well under 100% means other work took
        // cores away and the row understates the model; rerun when the machine is quiet.
        Console.WriteLine("| batch | images/s | ms/batch | GFLOP/s | runs | CPU use |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var batch in options.Batches)
        {
            var pixels = new float[batch * 3 * 224 * 224];
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (random.NextSingle() * 4) - 2;
            }
            using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, 3, 224, 224]);
            var (runs, seconds, cpuUse) = Time(info.Session, "pixel_values", input, "image_embeds", options.Seconds);
            var imagesPerSecond = runs * batch / seconds;
            best = Math.Max(best, imagesPerSecond);
            Console.WriteLine($"| {batch} | {imagesPerSecond:0.0} | {seconds * 1000 / runs:0} | {imagesPerSecond * GflopPerImage:0} | {runs} | {cpuUse:P0} |");
        }
        best = Math.Max(best, ImageRunsAtOnce(modelPath, options));
        Console.WriteLine($"Anchor: {Anchor}");
        return best;
    }

    // The way indexing runs the tower on a CPU (OnnxSessionFactory.ThreadPerRun): one thread per run, a run per core
    // at once. Counted as the model alone too, so that an index run is compared with the model's best.
    private static double ImageRunsAtOnce(string modelPath, Options options)
    {
        if (options.Threads > 0)
        {
            return 0;
        }
        using var info = OnnxSessionFactory.Create(modelPath, OnnxSessionFactory.ThreadPerRun);
        var lanes = info.RunsAtOnce;
        if (lanes < 2)
        {
            return 0;
        }
        var batch = options.Batches.Contains(16) ? 16 : options.Batches.Max();
        var pixels = new float[batch * 3 * 224 * 224];
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, 3, 224, 224]);
        var (runs, seconds, cpuUse) = Time(info.Session, "pixel_values", input, "image_embeds", options.Seconds, lanes);
        var imagesPerSecond = runs * batch / seconds;
        Console.WriteLine($"| {batch}, {lanes} runs at once of 1 thread | {imagesPerSecond:0.0} | {seconds * 1000 * lanes / runs:0} | {imagesPerSecond * GflopPerImage:0} | {runs} | {cpuUse:P0} |");
        return imagesPerSecond;
    }

    private static void Text(string modelPath, Options options)
    {
        using var info = Open(modelPath, options, "text tower");
        // "a photo of a cat", padded the Hugging Face way.
        var ids = Enumerable.Repeat(49407L, 77).ToArray();
        new long[] { 49406, 320, 1125, 539, 320, 2368, 49407 }.CopyTo(ids, 0);
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [1, 77]);
        var (runs, seconds, cpuUse) = Time(info.Session, "input_ids", input, "text_embeds", Math.Min(options.Seconds, 5));
        Console.WriteLine($"Text tower, batch 1: {runs / seconds:0} queries/s, {seconds * 1000 / runs:0.0} ms per query ({runs} runs, CPU use {cpuUse:P0})");
    }

    private static OnnxSessionInfo Open(string modelPath, Options options, string label)
    {
        var clock = Stopwatch.StartNew();
        var info = OnnxSessionFactory.Create(modelPath, options.Threads);
        Console.WriteLine($"Loaded {label} on {info.Provider} in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var skipped in info.Skipped)
        {
            Console.WriteLine($"  skipped {skipped}");
        }
        return info;
    }

    /// <summary>Two warm-up runs, then runs until the budget is spent (at least three), <paramref name="lanes"/> at once.</summary>
    private static (int Runs, double Seconds, double CpuUse) Time(
        InferenceSession session, string inputName, OrtValue input, string outputName, double budgetSeconds, int lanes = 1)
    {
        using (var runOptions = new RunOptions())
        {
            for (var i = 0; i < 2; i++)
            {
                using var warm = session.Run(runOptions, [inputName], [input], [outputName]);
            }
        }
        var runs = 0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes }, _ =>
        {
            using var runOptions = new RunOptions();
            while (Volatile.Read(ref runs) < 3 || clock.Elapsed.TotalSeconds < budgetSeconds)
            {
                using var outputs = session.Run(runOptions, [inputName], [input], [outputName]);
                Interlocked.Increment(ref runs);
            }
        });
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuUse = (process.TotalProcessorTime - cpuBefore).TotalSeconds / (wall * Environment.ProcessorCount);
        return (runs, wall, cpuUse);
    }

    private static long MegaBytes(string dir, string file) => new FileInfo(Path.Combine(dir, file)).Length / 1_000_000;

    private sealed record Options(string? ModelDir, double Seconds, int[] Batches, int Threads, bool Keep);

    private static bool TryParse(string[] args, out Options options, out string? problem)
    {
        options = new Options(null, 10, [1, 2, 4, 8, 16, 32], 0, false);
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--model" when value is not null:
                    options = options with { ModelDir = Path.GetFullPath(value) };
                    i++;
                    break;
                case "--seconds" when double.TryParse(value, out var seconds) && seconds > 0:
                    options = options with { Seconds = seconds };
                    i++;
                    break;
                case "--batches" when value is not null && value.Split(',').All(b => int.TryParse(b, out var n) && n > 0):
                    options = options with { Batches = [.. value.Split(',').Select(int.Parse)] };
                    i++;
                    break;
                case "--threads" when int.TryParse(value, out var threads) && threads >= 0:
                    options = options with { Threads = threads };
                    i++;
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                default:
                    problem = $"bad argument '{args[i]}'";
                    return false;
            }
        }
        return true;
    }
}
