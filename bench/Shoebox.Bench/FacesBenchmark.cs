using System.Diagnostics;
using Shoebox.Core;
using Shoebox.Models.Faces;
using Shoebox.Models.Store;

namespace Shoebox.Bench;

/// <summary>
/// `faces`: the face descriptor's cost. Builds the ONNX network from the package's weights (timed: it happens once, on
/// the first run that needs it), then describes chips at each batch size for a few seconds each: ms per face.
/// </summary>
internal static class FacesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArgs.Double(args, "--seconds", 5);
        var threads = BenchArgs.Int(args, "--threads", 0);
        var batches = BenchArgs.Option(args, "--batches") is { } list ? list.Split(',').Select(int.Parse).ToArray() : [1, 4, 16];
        var clock = Stopwatch.StartNew();
        FaceModels models;
        string? folder = null;
        if (BenchArgs.Option(args, "--models") is { } tarballFolder)
        {
            // A fresh folder with the tarball in it, so the build is timed every run.
            folder = Directory.CreateTempSubdirectory("shoebox-bench-faces-").FullName;
            File.Copy(Path.Combine(tarballFolder, FaceModels.Package.PackedName), Path.Combine(folder, FaceModels.Package.PackedName));
            models = FaceModels.Open(folder) ?? throw new InvalidOperationException($"{tarballFolder} holds no {FaceModels.Package.PackedName}");
        }
        else
        {
            models = await FaceModels.EnsureAsync(new ModelStore(new StoreOptions()), null, CancellationToken.None);
        }
        Console.WriteLine($"network ready in {clock.ElapsedMilliseconds} ms ({new FileInfo(models.Describer).Length / 1e6:0.0} MB): {models.Describer}");
        try
        {
            Describe(models, threads, batches, seconds);
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return 0;
    }

    private static void Describe(FaceModels models, int threads, int[] batches, double seconds)
    {
        using var describer = new FaceDescriber(models, threads);
        var clock = new Stopwatch();
        Console.WriteLine($"dlib face descriptor on {describer.Provider}, {(threads > 0 ? threads.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all physical")} cores");
        var random = new Random(7);
        foreach (var batch in batches)
        {
            var chips = Enumerable.Range(0, batch).Select(_ =>
            {
                var pixels = new byte[FaceDescriber.ChipSize * FaceDescriber.ChipSize * 3];
                random.NextBytes(pixels);
                return new RgbImage(FaceDescriber.ChipSize, FaceDescriber.ChipSize, pixels);
            }).ToList();
            describer.Describe(chips); // the first run of a shape sets up its buffers: not timed
            var faces = 0;
            clock.Restart();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                describer.Describe(chips);
                faces += batch;
            }
            Console.WriteLine($"batch {batch,3}: {clock.Elapsed.TotalMilliseconds / faces,6:0.0} ms per face ({faces / clock.Elapsed.TotalSeconds:0.0} faces/s)");
        }
    }
}
