using BenchmarkDotNet.Running;
using Shoebox.Imaging;
using SkiaSharp;

namespace Shoebox.Bench;

/// <summary>`decode`: the BenchmarkDotNet run, a per-core throughput line per method, and the HEIC check.</summary>
internal static class DecodeCommand
{
    private const string HeicSample = "shared/data/exif-samples/heic/mobile/iphone_13_pro_max.HEIC";

    public static int Run(string[] benchmarkArgs)
    {
        Console.WriteLine($"libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}, " +
            $"SkiaSharp {typeof(SKCodec).Assembly.GetName().Version} (native {SkiaSharpVersion.Native}), {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        if (!SanityCheck())
        {
            return 1;
        }

        var summary = BenchmarkRunner.Run<DecodeBenchmarks>(args: benchmarkArgs);

        Console.WriteLine();
        Console.WriteLine($"Throughput, decode + resize of a {DecodeBenchmarks.Width} x {DecodeBenchmarks.Height} JPEG to {DecodeBenchmarks.Target} px (shorter side), one thread:");
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var meanNs = report.ResultStatistics?.Mean;
            Console.WriteLine(meanNs is > 0
                ? $"  {name,-36} {meanNs.Value / 1e6,8:0.00} ms  {1e9 / meanNs.Value,7:0.0} images/s per core"
                : $"  {name,-36} no result (see the log above)");
        }

        Console.WriteLine();
        CheckHeic();
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }

    /// <summary>Runs each method once outside BenchmarkDotNet, so a wrong output size shows before minutes are spent.</summary>
    private static bool SanityCheck()
    {
        var bench = new DecodeBenchmarks();
        bench.Setup();
        try
        {
            Console.WriteLine($"Test image: {new FileInfo(bench.ImagePath).Length / 1e6:0.0} MB JPEG, {DecodeBenchmarks.Width} x {DecodeBenchmarks.Height}, quality 90");
            var outputs = new (string Name, Func<DecodeBenchmarks.Size> Run)[]
            {
                ("NetVips: Shoebox ImageDecoder", bench.ShoeboxDecoder),
                ("NetVips: Image.Thumbnail", bench.NetVipsThumbnail),
                ("SkiaSharp: scaled decode + cubic", bench.SkiaScaledDecode),
                ("SkiaSharp: full decode + mipmaps", bench.SkiaFullDecode),
            };
            var ok = true;
            foreach (var (name, run) in outputs)
            {
                var size = run();
                var right = Math.Min(size.Width, size.Height) == DecodeBenchmarks.Target;
                ok &= right;
                Console.WriteLine($"  {name,-36} -> {size}{(right ? "" : "  WRONG SIZE")}");
            }
            return ok;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static void CheckHeic()
    {
        var path = SharedData.Find(HeicSample);
        if (path is null)
        {
            Console.WriteLine($"HEIC check skipped: {HeicSample} not found above {Environment.CurrentDirectory}");
            return;
        }
        Console.WriteLine($"HEIC: {path}");
        using (var codec = SKCodec.Create(path, out var result))
        {
            if (codec is null)
            {
                Console.WriteLine($"  SkiaSharp: NO - SKCodec.Create returned null ({result})");
            }
            else
            {
                // Opening is not decoding: ask for the pixels too.
                using var bitmap = new SKBitmap(codec.Info.WithColorType(SKColorType.Rgba8888));
                var decoded = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
                Console.WriteLine($"  SkiaSharp: opened as {codec.EncodedFormat} {codec.Info.Width} x {codec.Info.Height}, GetPixels: {decoded}");
            }
        }
        try
        {
            var image = new ImageDecoder().Decode(path, DecodeBenchmarks.Target, Fit.Cover);
            Console.WriteLine($"  Shoebox ImageDecoder (libheif): YES - {image.Width} x {image.Height}");
        }
        catch (Shoebox.Core.BadImageException e)
        {
            Console.WriteLine($"  Shoebox ImageDecoder (libheif): NO - {e.Message}");
        }
    }
}
