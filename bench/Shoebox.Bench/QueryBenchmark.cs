using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Models.Registry;
using Shoebox.Models.Synth;
using Shoebox.Search.Engine;

namespace Shoebox.Bench;

/// <summary>
/// Search as a user meets it: a library of real memes indexed with the generated vit-b32 (real ViT-B/32 and text
/// tower shapes, random weights: the timings are a real model's, the rankings are not), then the time from opening
/// the engine to the first answer, and per-query latency for each kind of query, text encoding included.
/// </summary>
internal static class QueryBenchmark
{
    private static readonly string[] Queries =
    [
        "money", "a meme about writing a blog post", "cat", "surprised face", "success kid", "drake",
        "distracted boyfriend", "this is fine", "aliens", "one does not simply", "grumpy", "keanu",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var images = BenchArgs.Option(args, "--images") ?? SharedData.Find("shared/data/memes");
        var rounds = int.Parse(BenchArgs.Option(args, "--rounds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var photos = BenchArgs.Option(args, "--photos") is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (photos == 0 && (images is null || !Directory.Exists(images)))
        {
            Console.Error.WriteLine("error: no images: pass --images DIR (default ../shared/data/memes)");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("shoebox-query-").FullName;
        try
        {
            var modelDir = Path.Combine(work, "model");
            SyntheticModels.Write("vit-b32", modelDir, seed: 1);
            var installed = LocalModel.Open(modelDir);
            var library = Path.Combine(work, "library");
            var identity = new ModelIdentity(installed.Descriptor.Id, installed.Descriptor.Version, installed.Descriptor.Dimensions);
            if (photos > 0)
            {
                var writing = Stopwatch.StartNew();
                SyntheticLibrary.Write(library, identity, photos);
                Console.WriteLine($"Wrote a catalog of {photos} made-up photos with clustered vectors in {writing.Elapsed.TotalSeconds:0} s");
            }
            else
            {
                using var encoder = new OnnxImageEncoder(installed);
                Console.WriteLine($"Indexing {images} with the generated vit-b32 ...");
                var summary = await new Indexer(new IndexOptions { Roots = [images!], LibraryFolder = library, Model = encoder.Model, Encoder = encoder })
                    .RunAsync(CancellationToken.None);
                Console.WriteLine($"  {summary.Processed} photos embedded");
            }
            SearchEngine Open(bool withModel) => new(new SearchEngineOptions
            {
                LibraryFolder = library,
                Model = identity,
                Texts = withModel ? () => new OnnxTextEncoder(installed) : null,
                Images = withModel ? () => new OnnxImageEncoder(installed) : null,
            });

            // Cold: what `shoebox search` pays on every run and `serve` once: catalog, vector index, text tower, query.
            var cold = Stopwatch.StartNew();
            using var engine = Open(withModel: true);
            var first = engine.Search(new SearchRequest { Query = Queries[1] });
            Console.WriteLine($"\nFirst search from a closed library (open catalog, load vectors, load text tower, encode, rank): {cold.Elapsed.TotalMilliseconds:0} ms, {first.Results.Count} results");

            using var texts = new OnnxTextEncoder(installed);
            var someId = first.Results[0].Id;
            using var textOnly = Open(withModel: false);
            Console.WriteLine($"\nPer query, {rounds} rounds of {Queries.Length} queries ({Environment.ProcessorCount} cores):");
            Report("text encoding alone (vit-b32 text tower)", Time(rounds, q => texts.Encode([q])));
            Report("text search, end to end (encode + vectors + full text + fuse + filter + page)", Time(rounds, q => engine.Search(new SearchRequest { Query = q })));
            Report("text search, filtered and excluding (type:jpeg -in:backup -cat), first page", Time(rounds, q => engine.Search(new SearchRequest { Query = q + " type:jpeg -in:backup -cat" })));
            Report("the same, next page (query vectors remembered)", Time(rounds, q => engine.Search(new SearchRequest { Query = q + " type:jpeg -in:backup -cat", Offset = 50 })));
            Report("filters only (camera:canon after:2019 before:2021), newest first", Time(rounds, _ => engine.Search(new SearchRequest { Query = "camera:canon after:2019 before:2021" })));
            Report("words with a selective filter (on:2016-03)", Time(rounds, q => engine.Search(new SearchRequest { Query = q + " on:2016-03" })));
            Report("more like this (photo id)", Time(rounds, _ => engine.Search(new SearchRequest { LikePhoto = someId })));
            Report("full text only (no model)", Time(rounds, q => textOnly.Search(new SearchRequest { Query = q })));
            Report("random wall of 60", Time(rounds, _ => engine.Search(new SearchRequest { Random = true, Limit = 60 })));
            return 0;
        }
        finally
        {
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"Kept {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static List<double> Time(int rounds, Action<string> run)
    {
        run(Queries[0]);
        var milliseconds = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var query in Queries)
            {
                var clock = Stopwatch.StartNew();
                run(query);
                milliseconds.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return milliseconds;
    }

    private static void Report(string what, List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double quantile) => milliseconds[(int)Math.Min(milliseconds.Count - 1, Math.Floor(quantile * milliseconds.Count))];
        Console.WriteLine($"  {what,-82} p50 {At(0.50),7:0.0} ms   p99 {At(0.99),7:0.0} ms");
    }
}
