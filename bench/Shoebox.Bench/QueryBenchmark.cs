using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Models.Onnx;
using Shoebox.Models.Registry;
using Shoebox.Models.Synth;
using Shoebox.Search.Engine;
using Shoebox.Vectors;

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
        // --work DIR keeps the made-up library there, and a later run with the same DIR and --photos measures it
        // again without making it (the searches again on a quiet machine, say).
        var given = BenchArgs.Option(args, "--work");
        var work = given is null ? Directory.CreateTempSubdirectory("shoebox-query-").FullName : Directory.CreateDirectory(given).FullName;
        var keep = given is not null || args.Contains("--keep");
        try
        {
            var modelDir = Path.Combine(work, "model");
            var library = Path.Combine(work, "library");
            var made = photos > 0 && File.Exists(Path.Combine(library, "catalog.db")) && Directory.Exists(modelDir);
            if (!made)
            {
                SyntheticModels.Write("vit-b32", modelDir, seed: 1);
            }
            var installed = LocalModel.Open(modelDir);
            var identity = new ModelIdentity(installed.Descriptor.Id, installed.Descriptor.Version, installed.Descriptor.Dimensions);
            if (made)
            {
                Console.WriteLine($"The catalog of made-up photos in {library}, made before, as it is");
            }
            else if (photos > 0)
            {
                var writing = Stopwatch.StartNew();
                await SyntheticLibrary.WriteAsync(library, identity, photos);
                Console.WriteLine($"Wrote a catalog of {photos} made-up photos with clustered vectors in {writing.Elapsed.TotalSeconds:0} s");
                // What `index` leaves behind: the saved vector index, brought up to date at the end of the run.
                var saving = Stopwatch.StartNew();
                using (var vectors = LibraryVectors.Open(new Library(library), identity))
                {
                    await vectors!.SyncAsync();
                }
                Console.WriteLine($"Saved the vector index as `index` leaves it in {saving.Elapsed.TotalSeconds:0} s");
            }
            else
            {
                using var encoder = new OnnxImageEncoder(installed, OnnxSessionFactory.ThreadPerRun);
                Console.WriteLine($"Indexing {images} with the generated vit-b32 ...");
                using var vectors = LibraryVectors.Open(new Library(library), encoder.Model);
                var summary = await new Indexer(new IndexingPipeline(new Library(library), services: new IndexingServices { Model = encoder.Model, Encoder = encoder, Vectors = vectors }))
                    .RunAsync(new IndexTargets([images!]), CancellationToken.None);
                Console.WriteLine($"  {summary.Processed} photos embedded");
            }
            Task<SearchEngine> OpenAsync(bool withModel) => SearchEngine.OpenAsync(new SearchEngineOptions
            {
                Library = new Library(library),
                Model = identity,
                Texts = withModel ? () => new OnnxTextEncoder(installed) : null,
                Images = withModel ? () => new OnnxImageEncoder(installed) : null,
            });

            // Cold: what `shoebox search` pays on every run and `serve` once: catalog, vector index, text tower, query.
            var cold = Stopwatch.StartNew();
            await using var engine = await OpenAsync(withModel: true);
            var first = await engine.SearchAsync(new SearchRequest { Query = Queries[1] });
            Console.WriteLine($"\nFirst search from a closed library (open catalog, load vectors, load text tower, encode, rank): {cold.Elapsed.TotalMilliseconds:0} ms, {first.Results.Count} results");
            // Where the first search's time goes, each part on its own (the files are in the page cache by now, as they were for it).
            var loadingVectors = Stopwatch.StartNew();
            using (var again = LibraryVectors.Open(new Library(library), identity))
            {
                await again!.SyncAsync();
            }
            var vectorsMs = loadingVectors.Elapsed.TotalMilliseconds;
            var loadingTexts = Stopwatch.StartNew();
            using (var tower = new OnnxTextEncoder(installed))
            {
                tower.Encode([Queries[1]]);
            }
            Console.WriteLine($"  of which, each alone: vector index loaded and checked against the catalog {vectorsMs:0} ms; text tower loaded and run once {loadingTexts.Elapsed.TotalMilliseconds:0} ms");

            using var texts = new OnnxTextEncoder(installed);
            var someId = first.Results[0].Id;
            await using var textOnly = await OpenAsync(withModel: false);
            Console.WriteLine($"\nPer query, {rounds} rounds of {Queries.Length} queries ({Environment.ProcessorCount} cores):");
            Report("text encoding alone (vit-b32 text tower)", await TimeAsync(rounds, q => Task.FromResult(texts.Encode([q]))));
            Report("text search, end to end (encode + vectors + full text + fuse + filter + page)", await TimeAsync(rounds, q => engine.SearchAsync(new SearchRequest { Query = q })));
            Report("text search, filtered and excluding (type:jpeg -in:backup -cat), first page", await TimeAsync(rounds, q => engine.SearchAsync(new SearchRequest { Query = q + " type:jpeg -in:backup -cat" })));
            Report("the same, next page (query vectors remembered)", await TimeAsync(rounds, q => engine.SearchAsync(new SearchRequest { Query = q + " type:jpeg -in:backup -cat", Offset = 50 })));
            Report("filters only (camera:canon after:2019 before:2021), newest first", await TimeAsync(rounds, _ => engine.SearchAsync(new SearchRequest { Query = "camera:canon after:2019 before:2021" })));
            Report("words with a selective filter (on:2016-03)", await TimeAsync(rounds, q => engine.SearchAsync(new SearchRequest { Query = q + " on:2016-03" })));
            Report("more like this (photo id)", await TimeAsync(rounds, _ => engine.SearchAsync(new SearchRequest { LikePhoto = someId })));
            Report("full text only (no model)", await TimeAsync(rounds, q => textOnly.SearchAsync(new SearchRequest { Query = q })));
            Report("random wall of 60", await TimeAsync(rounds, _ => engine.SearchAsync(new SearchRequest { Random = true, Limit = 60 })));
            return 0;
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"Kept {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<List<double>> TimeAsync<T>(int rounds, Func<string, Task<T>> run)
    {
        await run(Queries[0]);
        var milliseconds = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var query in Queries)
            {
                var clock = Stopwatch.StartNew();
                await run(query);
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
