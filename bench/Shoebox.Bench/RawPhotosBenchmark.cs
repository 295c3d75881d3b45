using Shoebox.Imaging;
using Shoebox.Models.Synth;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Bench;

/// <summary>
/// `photos --raw`: the same camera photos indexed as JPEG and as raw files built around them (DNG, CR2, NEF, CR3 and
/// RAF in turn, each holding the JPEG as its preview), `index --no-ocr --no-tags` on a fresh library each, so the cost
/// of finding and reading the embedded preview shows beside the JPEG itself.
/// </summary>
internal static class RawPhotosBenchmark
{
    public static async Task<int> RunAsync(string samples, int count, string[] args)
    {
        var work = BenchArgs.Option(args, "--work") ?? Directory.CreateTempSubdirectory("shoebox-raw-").FullName;
        try
        {
            var modelDir = Path.Combine(work, "model");
            SyntheticModels.Write("vit-b32", modelDir, seed: 1);
            var decoder = new ImageDecoder();
            var jpegs = PhotosBenchmark.CameraJpegs(samples, decoder);
            var (jpegFolder, rawFolder) = (Directory.CreateDirectory(Path.Combine(work, "jpeg")).FullName, Directory.CreateDirectory(Path.Combine(work, "raw")).FullName);
            for (var i = 0; i < count && jpegs.Count > 0; i++)
            {
                // Bytes after the JPEG's end make each copy a photo of its own; the raw holds that same copy.
                byte[] jpeg = [.. File.ReadAllBytes(jpegs[i % jpegs.Count]), .. BitConverter.GetBytes(i)];
                var header = decoder.ReadHeader(jpegs[i % jpegs.Count]);
                var shot = new RawContainers.Shot("Canon", "Canon EOS R5", new DateTime(2024, 1, 1).AddMinutes(i));
                var (extension, raw) = (i % 5) switch
                {
                    0 => ("dng", RawContainers.Dng(jpeg, header.Width, header.Height, shot)),
                    1 => ("cr2", RawContainers.Cr2(jpeg, header.Width, header.Height, shot)),
                    2 => ("nef", RawContainers.Nef(jpeg, shot with { Make = "NIKON CORPORATION", Model = "NIKON Z 6" })),
                    3 => ("cr3", RawContainers.Cr3(jpeg, header.Width, header.Height, shot)),
                    _ => ("raf", RawContainers.Raf(jpeg, "X-T5")),
                };
                File.WriteAllBytes(Path.Combine(jpegFolder, $"camera-{i:0000}.jpg"), jpeg);
                File.WriteAllBytes(Path.Combine(rawFolder, $"camera-{i:0000}.{extension}"), raw);
            }
            Console.WriteLine($"{Math.Min(count, jpegs.Count == 0 ? 0 : count)} copies of {jpegs.Count} camera JPEGs, as JPEG and as raw; {Environment.ProcessorCount} cores");
            Console.WriteLine("| photos | run | images | seconds | images/s |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
            var rates = new List<double>();
            foreach (var (name, folder) in new[] { ("JPEG", jpegFolder), ("raw", rawFolder), ("JPEG", jpegFolder), ("raw", rawFolder) })
            {
                var run = await PhotosBenchmark.IndexAsync(work, modelDir, folder, ocr: null);
                rates.Add(run.Photos / run.Seconds);
                Console.WriteLine($"| {name} | index --no-ocr --no-tags | {run.Photos} | {run.Seconds:0.0} | {run.Photos / run.Seconds:0.0} |");
            }
            Console.WriteLine($"raw / JPEG: {(rates[1] + rates[3]) / (rates[0] + rates[2]):0.00}");
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep"))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
