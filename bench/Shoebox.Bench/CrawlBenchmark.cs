using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Indexing;

namespace Shoebox.Bench;

/// <summary>
/// `crawl`: whole <see cref="Indexer"/> runs over many tiny photos, timed with a stopwatch. The first crawl finds,
/// hashes and catalogs every file, then decodes each photo and writes its two thumbnails; the re-crawls of the
/// unchanged tree should only list folders and compare size and time with the catalog.
/// </summary>
internal static class CrawlBenchmark
{
    private const int FilesPerFolder = 500;
    private const string Anchor = "Immich: 1,000,000 unchanged files in 37 s = 27,000 files/s";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var files, out var dir, out var keep, out var problem))
        {
            Console.Error.WriteLine($"error: {problem} (see --help)");
            return 2;
        }
        var work = dir is null ? Directory.CreateTempSubdirectory("shoebox-crawl-").FullName : Path.GetFullPath(dir);
        var photos = Path.Combine(work, "photos");
        var library = Path.Combine(work, "library");
        if (Directory.Exists(photos) || Directory.Exists(library))
        {
            // Refuse rather than index (and later delete) something that was already there.
            Console.Error.WriteLine($"error: {photos} or {library} already exists; give an empty --dir");
            return 2;
        }
        try
        {
            var clock = Stopwatch.StartNew();
            Generate(photos, files);
            Console.WriteLine($"Generated {files:N0} distinct 8 x 8 PNGs in {Folders(files):N0} folders under {photos} in {clock.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"{Environment.ProcessorCount} cores; library: {library}");

            var pipeline = new IndexingPipeline(new Library(library));
            var runs = new List<Measured>();
            foreach (var label in new[] { "1 first crawl", "2 re-crawl, unchanged", "3 re-crawl, unchanged" })
            {
                var run = await MeasureAsync(label, pipeline, new IndexTargets([photos]));
                Console.WriteLine($"  {label}: {run.Wall.TotalSeconds:0.00} s");
                runs.Add(run);
            }

            PrintTable(runs, files);
            var problems = Check(runs, files);
            foreach (var line in problems)
            {
                Console.WriteLine($"CHECK FAILED: {line}");
            }
            Console.WriteLine(problems.Count == 0 ? "Checks: ok (first crawl: all new and processed; re-crawls: all unchanged, nothing hashed or processed)" : "");
            Console.WriteLine($"Working set: {Environment.WorkingSet / 1e6:0} MB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB peak");
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"Kept {photos} and {library}");
            }
            else
            {
                Console.WriteLine("Deleting generated files...");
                DeleteIfExists(photos);
                DeleteIfExists(library);
                if (dir is null)
                {
                    DeleteIfExists(work);
                }
            }
        }
    }

    private static int Folders(int files) => (files + FilesPerFolder - 1) / FilesPerFolder;

    private static void Generate(string photos, int files) =>
        Parallel.For(0, Folders(files), folder =>
        {
            var path = Path.Combine(photos, $"{folder:D4}");
            Directory.CreateDirectory(path);
            for (var number = folder * FilesPerFolder; number < Math.Min(files, (folder + 1) * FilesPerFolder); number++)
            {
                File.WriteAllBytes(Path.Combine(path, $"IMG_{number:D7}.png"), TinyPng.Create(number));
            }
        });

    /// <summary>
    /// One run. The indexer does not report its phases' times, so its progress is polled: the moment it leaves the
    /// scanning phase (walk, read and hash, catalog) splits the run from processing (decode and thumbnails).
    /// </summary>
    private static async Task<Measured> MeasureAsync(string label, IndexingPipeline pipeline, IndexTargets targets)
    {
        var indexer = new Indexer(pipeline);
        var clock = Stopwatch.StartNew();
        var run = indexer.RunAsync(targets, CancellationToken.None);
        TimeSpan? scanned = null;
        while (!run.IsCompleted)
        {
            if (scanned is null && indexer.Progress.Phase != IndexPhase.Scanning)
            {
                scanned = clock.Elapsed;
            }
            await Task.WhenAny(run, Task.Delay(10));
        }
        var summary = await run;
        var wall = clock.Elapsed;
        return new Measured(label, wall, scanned ?? wall, summary);
    }

    private static void PrintTable(List<Measured> runs, int files)
    {
        Console.WriteLine();
        Console.WriteLine($"Crawl of {files:N0} files (re-crawls are warm-cache: the OS page cache cannot be dropped reliably from here)");
        Console.WriteLine($"{"run",-24}{"wall s",9}{"files/s",10}{"scan s",9}{"scan f/s",10}{"process s",11}"
            + $"{"found",9}{"new",9}{"unchanged",11}{"hashed",9}{"processed",11}{"failed",8}");
        foreach (var (label, wall, scan, s) in runs)
        {
            Console.WriteLine($"{label,-24}{wall.TotalSeconds,9:0.00}{files / wall.TotalSeconds,10:N0}{scan.TotalSeconds,9:0.00}"
                + $"{files / scan.TotalSeconds,10:N0}{(wall - scan).TotalSeconds,11:0.00}"
                + $"{s.Found,9:N0}{s.New,9:N0}{s.Unchanged,11:N0}{s.Hashed,9:N0}{s.Processed,11:N0}{s.Failed,8:N0}");
        }
        Console.WriteLine($"Anchor for comparison: {Anchor}");
    }

    private static List<string> Check(List<Measured> runs, int files)
    {
        var problems = new List<string>();
        void Expect(Measured run, string what, int actual, int expected)
        {
            if (actual != expected)
            {
                problems.Add($"{run.Label}: {what} = {actual:N0}, expected {expected:N0}");
            }
        }
        foreach (var run in runs)
        {
            var first = run == runs[0];
            Expect(run, "found", run.Summary.Found, files);
            Expect(run, "new", run.Summary.New, first ? files : 0);
            Expect(run, "unchanged", run.Summary.Unchanged, first ? 0 : files);
            Expect(run, "hashed", run.Summary.Hashed, first ? files : 0);
            Expect(run, "processed", run.Summary.Processed, first ? files : 0);
            Expect(run, "failed", run.Summary.Failed, 0);
            problems.AddRange(run.Summary.Failures.Take(5).Select(f => $"{run.Label}: {f.Path}: {f.Reason}"));
        }
        return problems;
    }

    private static bool TryParse(string[] args, out int files, out string? dir, out bool keep, out string? problem)
    {
        (files, dir, keep, problem) = (100_000, null, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--files" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    files = n;
                    i++;
                    break;
                case "--dir" when i + 1 < args.Length:
                    dir = args[++i];
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    problem = $"unexpected argument '{args[i]}'";
                    return false;
            }
        }
        return true;
    }

    private static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private sealed record Measured(string Label, TimeSpan Wall, TimeSpan Scan, IndexSummary Summary);
}
