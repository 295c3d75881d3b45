using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Vectors;

namespace Shoebox.Bench;

/// <summary>
/// `search`: exact and graph (USearch) vector search on generated 512-d embeddings (text encoding excluded): build
/// time (wall and CPU), memory, p50/p99 per query on one thread, and recall@10 against the exact answer, unfiltered
/// and with filters that leave half and one in a hundred of the photos (answered as a library answers them).
/// </summary>
public static class SearchBenchmark
{
    private const int Dimensions = 512;
    private const int K = 10;
    private const int UniformSize = 100_000;
    private static readonly ModelIdentity Model = new("bench-clip", "1", Dimensions);

    private static readonly List<string> Shape = [];

    private sealed record Options(int[] Sizes, int Queries, bool Uniform, int[] Ef, GraphOptions Graph);

    private static readonly (string Name, int Every)[] Filters = [("none", 1), ("half", 2), ("1%", 100)];

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            Console.Error.WriteLine($"error: {problem}");
            Console.Error.WriteLine("usage: search [--sizes 10000,100000,1000000] [--queries N] [--ef 32,64,128] [--m M] [--efc N] [--no-uniform]");
            return 2;
        }
        Console.WriteLine($"{Environment.ProcessorCount} logical cores, {Dimensions} dimensions, k = {K}, {options.Queries} queries per row, " +
            $"graph M {options.Graph.Connectivity} efConstruction {options.Graph.ExpansionAdd}, exact up to {VectorIndexChoice.ExactUpTo} vectors");
        Console.WriteLine();
        Console.WriteLine("| data | vectors | index | M | ef | filter | build s | build CPU s | memory MB | p50 ms | p99 ms | recall@10 |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in options.Sizes)
        {
            var rows = ClusteredVectors.Generate(size + options.Queries, Dimensions, seed: size);
            Measure("clustered", size, rows, options);
        }
        if (options.Uniform)
        {
            var size = Math.Min(UniformSize, options.Sizes.Max());
            Measure("uniform", size, ClusteredVectors.Uniform(size + options.Queries, Dimensions, seed: 7), options);
        }
        Console.WriteLine();
        Shape.ForEach(Console.WriteLine);
        Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        return 0;
    }

    /// <summary>The first <paramref name="size"/> rows are indexed; the rest are queries drawn from the same distribution.</summary>
    private static void Measure(string data, int size, float[] rows, Options options)
    {
        var ids = Enumerable.Range(1, size).Select(i => (long)i).ToArray();
        var indexed = rows.AsMemory(0, size * Dimensions);
        var queries = Enumerable.Range(size, options.Queries).Select(q => rows.AsSpan(q * Dimensions, Dimensions).ToArray()).ToList();

        var (exact, exactBuild, exactCpu, exactBytes) = Built(() => BuildExact(ids, indexed), index => 0);
        using (exact)
        {
            var truths = new Dictionary<string, List<IReadOnlyList<VectorHit>>>();
            foreach (var (name, every) in Filters)
            {
                var (exactTimes, truth) = Timed(queries, query => exact.Search(query, K, every == 1 ? null : id => id % every == 0));
                Row(data, size, "exact", "-", "-", name, exactBuild, exactCpu, exactBytes, exactTimes, "1");
                truths[name] = truth;
            }
            var unrelated = queries.Select((query, q) => System.Numerics.Tensors.TensorPrimitives.Dot(query, rows.AsSpan(q * 97 % size * Dimensions, Dimensions))).Average();
            Shape.Add($"{data} {size:N0}: cosine of a query with its nearest vector {truths["none"].Average(t => t[0].Score):0.00}, " +
                $"its 10th {truths["none"].Average(t => t[^1].Score):0.00}, an unrelated vector {unrelated:0.00}");

            MeasureGraph(data, size, ids, indexed, queries, truths, options);
        }
    }

    private static void MeasureGraph(string data, int size, long[] ids, ReadOnlyMemory<float> indexed, List<float[]> queries,
        Dictionary<string, List<IReadOnlyList<VectorHit>>> truths, Options options)
    {
        var (graph, build, cpu, bytes) = Built(() => USearchVectorIndex.Build(Model, ids, indexed, options.Graph), index => index.MemoryBytes);
        using (graph)
        {
            foreach (var ef in options.Ef)
            {
                foreach (var (name, every) in Filters)
                {
                    // As LibraryVectors answers a filter: few allowed photos are scored one by one, more through a filtered walk.
                    var allowed = ids.Where(id => id % every == 0).ToArray();
                    var (times, found) = Timed(queries, query => every == 1
                        ? graph.Search(query, K, null, ef)
                        : VectorIndexChoice.PrefersScoringEach(allowed.Length)
                            ? graph.SearchAmong(query, K, allowed)
                            : graph.Search(query, K, id => id % every == 0, ef));
                    Row(data, size, "graph", options.Graph.Connectivity.ToString(), ef.ToString(), name, build, cpu, bytes, times, Recall(truths[name], found));
                }
            }
        }
    }

    private static string Recall(List<IReadOnlyList<VectorHit>> truth, List<IReadOnlyList<VectorHit>> found) =>
        $"{truth.Zip(found, (t, f) => (double)t.Select(h => h.PhotoId).Intersect(f.Select(h => h.PhotoId)).Count() / t.Count).Average():0.000}";

    private static ExactVectorIndex BuildExact(long[] ids, ReadOnlyMemory<float> rows)
    {
        var index = new ExactVectorIndex(Model, ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            index.Upsert(ids[i], rows.Span.Slice(i * Dimensions, Dimensions));
        }
        return index;
    }

    /// <summary>Builds, timing it (wall and CPU), and counts the bytes the index holds afterwards: managed, plus <paramref name="native"/>.</summary>
    private static (T Index, double Seconds, double CpuSeconds, long Bytes) Built<T>(Func<T> build, Func<T, long> native)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var index = build();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (index, seconds, cpuSeconds, GC.GetTotalMemory(forceFullCollection: true) - before + native(index));
    }

    /// <summary>Three warm-up queries, then each query timed alone.</summary>
    private static (double[] Milliseconds, List<IReadOnlyList<VectorHit>> Results) Timed(List<float[]> queries, Func<float[], IReadOnlyList<VectorHit>> search)
    {
        queries.Take(3).ToList().ForEach(query => search(query));
        var times = new double[queries.Count];
        var results = new List<IReadOnlyList<VectorHit>>(queries.Count);
        for (var q = 0; q < queries.Count; q++)
        {
            var start = Stopwatch.GetTimestamp();
            results.Add(search(queries[q]));
            times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return (times, results);
    }

    private static void Row(string data, int size, string index, string m, string ef, string filter, double build, double cpu, long bytes, double[] sorted, string recall) =>
        Console.WriteLine($"| {data} | {size:N0} | {index} | {m} | {ef} | {filter} | {build:0.0} | {cpu:0.0} | {bytes / 1e6:0} | " +
            $"{Percentile(sorted, 0.50):0.00} | {Percentile(sorted, 0.99):0.00} | {recall} |");

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static bool TryParse(string[] args, out Options options, out string? problem)
    {
        options = new Options([10_000, 100_000, 1_000_000], 200, true, [32, 64, 128], new GraphOptions());
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sizes" when PositiveList(value) is { } sizes:
                    options = options with { Sizes = sizes };
                    i++;
                    break;
                case "--queries" when int.TryParse(value, out var queries) && queries >= 10:
                    options = options with { Queries = queries };
                    i++;
                    break;
                case "--ef" when PositiveList(value) is { } ef:
                    options = options with { Ef = ef };
                    i++;
                    break;
                case "--m" when int.TryParse(value, out var m) && m >= 2:
                    options = options with { Graph = options.Graph with { Connectivity = m } };
                    i++;
                    break;
                case "--efc" when int.TryParse(value, out var efc) && efc >= 1:
                    options = options with { Graph = options.Graph with { ExpansionAdd = efc } };
                    i++;
                    break;
                case "--no-uniform":
                    options = options with { Uniform = false };
                    break;
                default:
                    problem = $"bad argument '{args[i]}'";
                    return false;
            }
        }
        return true;
    }

    private static int[]? PositiveList(string? value) =>
        value?.Split(',') is { } parts && parts.All(p => int.TryParse(p, out var n) && n > 0) ? [.. parts.Select(int.Parse)] : null;
}
