using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Models.Onnx;
using Shoebox.Models.Registry;

namespace Shoebox.Bench;

/// <summary>
/// A whole `shoebox index` of a folder with a model, on a fresh library: the rate at which photos come out
/// catalogued, thumbnailed and embedded, to set against the model's own rate measured in the same process.
/// </summary>
internal static class EndToEndBenchmark
{
    public static async Task<double> RunAsync(string modelDir, string images, double modelOnlyRate)
    {
        var library = Directory.CreateTempSubdirectory("shoebox-e2e-").FullName;
        try
        {
            using var encoder = new OnnxImageEncoder(LocalModel.Open(modelDir), OnnxSessionFactory.ThreadPerRun);
            var indexer = new Indexer(new IndexingPipeline(new Library(library), services: new IndexingServices { Model = encoder.Model, Encoder = encoder }));
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var run = indexer.RunAsync(new IndexTargets([images]), CancellationToken.None);
            var processingStarted = TimeSpan.Zero;
            while (!run.IsCompleted)
            {
                if (processingStarted == TimeSpan.Zero && indexer.Progress.Phase == IndexPhase.Processing)
                {
                    processingStarted = clock.Elapsed;
                }
                await Task.WhenAny(run, Task.Delay(20));
            }
            var summary = await run;
            var wall = clock.Elapsed.TotalSeconds;
            var processing = wall - processingStarted.TotalSeconds;
            var rate = summary.Processed / processing;
            var cpuUse = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / (wall * Environment.ProcessorCount);
            Console.WriteLine();
            Console.WriteLine($"End to end: `index` of {images} with this model on a fresh library");
            Console.WriteLine($"  {summary.Found} files found, {summary.Processed} photos processed (metadata, 2 thumbnails, vector), {summary.Failed} failed");
            Console.WriteLine($"  wall {wall:0.0} s (scan {processingStarted.TotalSeconds:0.0} s), processing {processing:0.0} s = {rate:0.0} images/s, CPU use {cpuUse:P0}");
            Console.WriteLine($"  ratio to the model alone at its best batch ({modelOnlyRate:0.0} images/s): {rate / modelOnlyRate:0.00} (goal >= 0.85)");
            return rate;
        }
        finally
        {
            Directory.Delete(library, recursive: true);
        }
    }
}
