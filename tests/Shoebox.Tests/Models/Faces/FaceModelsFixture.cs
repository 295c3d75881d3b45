using System.Formats.Tar;
using System.IO.Compression;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Faces;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Faces;

/// <summary>
/// The real face recognition weights and the demo photos beside them, both from the npm package tarball of
/// @vladmandic/face-api 1.7.15 in the folder SHOEBOX_FACE_MODELS names, else the cache tools/test.sh fills
/// (~/.cache/shoebox-ci/face-models, with `npm pack @vladmandic/face-api@1.7.15`). The network is built from the
/// tarball into a temporary folder on every run, so the tests always check the graph this code writes. Without the
/// tarball these tests fail and say so.
/// </summary>
public sealed class FaceModelsFixture : IDisposable
{
    public const string Variable = "SHOEBOX_FACE_MODELS";

    private readonly TempFolder _temp = new();
    private readonly Lazy<FaceDescriber> _describer;
    private readonly Dictionary<string, RgbImage> _photos = [];

    public FaceModelsFixture() => _describer = new Lazy<FaceDescriber>(() => new FaceDescriber(Models(), threads: 2));

    public FaceDescriber Describer => _describer.Value;

    /// <summary>The package tarball, as `npm pack` names it.</summary>
    public static string Archive()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var folder = string.IsNullOrEmpty(named) ? Path.Combine(cache, "shoebox-ci", "face-models") : named;
        var path = Path.Combine(folder, FaceModels.Package.PackedName);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{Variable} (or the cache tools/test.sh fills) must name a folder holding {FaceModels.Package.PackedName} (`npm pack @vladmandic/face-api@1.7.15` there); it is '{folder}'.");
    }

    /// <summary>The network, built from the tarball in a folder of this fixture's own.</summary>
    public FaceModels Models()
    {
        var folder = _temp.Folder("models");
        if (!File.Exists(Path.Combine(folder, FaceModels.Package.PackedName)))
        {
            File.Copy(Archive(), Path.Combine(folder, FaceModels.Package.PackedName));
        }
        return FaceModels.Open(folder) ?? throw new InvalidOperationException($"{folder} holds no face model.");
    }

    /// <summary>One of the package's demo photos (demo/sample1.jpg ... sample6.jpg), decoded whole by Shoebox's decoder.</summary>
    public RgbImage Photo(string name)
    {
        lock (_photos)
        {
            if (_photos.TryGetValue(name, out var photo))
            {
                return photo;
            }
            var path = _temp["demo-" + name];
            using (var stream = File.OpenRead(Archive()))
            using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
            using (var tar = new TarReader(gzip))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.Name == "package/demo/" + name)
                    {
                        entry.ExtractToFile(path, overwrite: true);
                        break;
                    }
                }
            }
            var decoder = new ImageDecoder();
            var header = decoder.ReadHeader(path);
            photo = decoder.Decode(path, header, Math.Max(header.Width, header.Height), Fit.Within);
            _photos[name] = photo;
            return photo;
        }
    }

    public void Dispose()
    {
        if (_describer.IsValueCreated)
        {
            _describer.Value.Dispose();
        }
        _temp.Dispose();
    }
}
