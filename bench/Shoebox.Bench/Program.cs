using Shoebox.Bench;

// Benchmarks for Shoebox: `decode` (BenchmarkDotNet, one core) and `crawl` (whole indexer runs, stopwatch).
return args.FirstOrDefault() switch
{
    "decode" => DecodeCommand.Run(args[1..]),
    "crawl" => await CrawlBenchmark.RunAsync(args[1..]),
    null or "--help" or "-h" or "help" => Usage(0),
    var other => Usage(2, $"unknown command '{other}'"),
};

static int Usage(int exitCode, string? problem = null)
{
    var output = exitCode == 0 ? Console.Out : Console.Error;
    if (problem is not null)
    {
        output.WriteLine($"error: {problem}");
    }
    output.WriteLine("""
        usage: dotnet run -c Release --project bench/Shoebox.Bench -- COMMAND [OPTIONS]

        commands:
          decode [BENCHMARKDOTNET ARGS]
              Decode + resize a generated 12 MP JPEG to 224 px (shorter side), single-threaded:
              Shoebox's ImageDecoder (libvips), raw libvips thumbnail, SkiaSharp with DCT scaling,
              SkiaSharp full decode. Prints images/s per core, then whether SkiaSharp opens HEIC.
              Extra arguments go to BenchmarkDotNet (e.g. --filter '*Skia*').
          crawl [--files N] [--dir DIR] [--keep]
              Generate N tiny distinct PNGs (default 100000, 500 per folder) and time a first
              crawl and two unchanged re-crawls with Shoebox's Indexer. DIR (default: a new temp
              folder) receives photos/ and library/, which must not exist yet; they are deleted
              at the end unless --keep.
          --help
              This text.
        """);
    return exitCode;
}
