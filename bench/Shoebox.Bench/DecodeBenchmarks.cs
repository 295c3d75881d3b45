using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NetVips;
using Shoebox.Imaging;
using SkiaSharp;

namespace Shoebox.Bench;

/// <summary>
/// Decode a 12-megapixel JPEG and resize it so its shorter side is 224 px (what an embedding model takes), one
/// image at a time on one thread: the mean time gives images per second per core.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class DecodeBenchmarks
{
    public const int Width = 4000;
    public const int Height = 3000;
    public const int Target = 224;

    // libvips' own limit on an image side; "no limit" for the free side of the box.
    private const int Unbounded = 10_000_000;

    private readonly ImageDecoder _decoder = new();
    private string _folder = "";
    private string _path = "";

    public string ImagePath => _path;

    [GlobalSetup]
    public void Setup()
    {
        // The settings Shoebox's ImageDecoder applies, repeated so the raw libvips case has them whatever runs first:
        // no libvips worker threads (one core), and no operation cache (it would answer repeated loads from memory).
        NetVips.NetVips.Concurrency = 1;
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        _folder = Directory.CreateTempSubdirectory("shoebox-decode-").FullName;
        _path = Path.Combine(_folder, "photo-12mp.jpg");
        TestJpeg.Write(_path, Width, Height);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>What the product runs: a header probe, then libvips thumbnail with shrink-on-load, copied out as RGB.</summary>
    [Benchmark(Baseline = true, Description = "NetVips: Shoebox ImageDecoder")]
    public Size ShoeboxDecoder()
    {
        var image = _decoder.Decode(_path, Target, Fit.Cover);
        return new Size(image.Width, image.Height);
    }

    /// <summary>libvips alone: thumbnail (shrink-on-load) straight from the file, pixels copied out.</summary>
    [Benchmark(Description = "NetVips: Image.Thumbnail")]
    public Size NetVipsThumbnail()
    {
        // The test image is landscape, so the height is the shorter side; no header probe is needed to know that.
        using var image = Image.Thumbnail(_path, Unbounded, height: Target, size: Enums.Size.Down);
        var pixels = image.WriteToMemory<byte>();
        return new Size(image.Width, image.Height, pixels.Length);
    }

    /// <summary>
    /// SkiaSharp at its best: libjpeg-turbo decodes at n/8 scale (DCT scaling, the equivalent of shrink-on-load),
    /// then a cubic resample makes up the remaining factor (under 2x, so no mipmaps are needed).
    /// </summary>
    [Benchmark(Description = "SkiaSharp: scaled decode + cubic")]
    public Size SkiaScaledDecode()
    {
        using var codec = SKCodec.Create(_path) ?? throw new InvalidOperationException("SkiaSharp cannot open the JPEG");
        var full = codec.Info.Size;
        var scaled = codec.GetScaledDimensions((float)Target / Math.Min(full.Width, full.Height));
        if (Math.Min(scaled.Width, scaled.Height) < Target)
        {
            scaled = full; // never decode below the target: that would be upscaling
        }
        using var decoded = new SKBitmap(new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new InvalidOperationException($"SkiaSharp scaled decode failed: {result}");
        }
        return Resize(decoded, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    /// <summary>SkiaSharp the obvious way: decode all 12 MP, then downscale with mipmaps (cubic alone would alias at 13x).</summary>
    [Benchmark(Description = "SkiaSharp: full decode + mipmaps")]
    public Size SkiaFullDecode()
    {
        using var decoded = SKBitmap.Decode(_path) ?? throw new InvalidOperationException("SkiaSharp cannot decode the JPEG");
        return Resize(decoded, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    private static Size Resize(SKBitmap source, SKSamplingOptions sampling)
    {
        var scale = (double)Target / Math.Min(source.Width, source.Height);
        var info = new SKImageInfo(
            Math.Max(Target, (int)Math.Round(source.Width * scale)),
            Math.Max(Target, (int)Math.Round(source.Height * scale)),
            SKColorType.Rgba8888,
            SKAlphaType.Opaque);
        using var resized = source.Resize(info, sampling) ?? throw new InvalidOperationException("SkiaSharp resize failed");
        return new Size(resized.Width, resized.Height, resized.ByteCount);
    }

    /// <summary>The output, returned so no work can be optimised away and printed once as a sanity check.</summary>
    public readonly record struct Size(int Width, int Height, int Bytes = 0)
    {
        public override string ToString() => $"{Width} x {Height}";
    }

    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig()
        {
            // In-process: BenchmarkDotNet's generated out-of-process project would inherit this repository's build
            // rules (warnings as errors, analyzers) and take minutes to build on a small machine. The short job keeps
            // the whole run to a few minutes; each case is tens of milliseconds, so 8 iterations are plenty.
            AddJob(Job.Default
                .WithWarmupCount(2)
                .WithIterationCount(8)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("Short, in-process"));
        }
    }
}
