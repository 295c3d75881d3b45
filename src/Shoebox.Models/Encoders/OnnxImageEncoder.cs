using Microsoft.Extensions.Logging;
using Shoebox.Core;
using Shoebox.Models.Onnx;
using Shoebox.Models.Preprocessing;
using Shoebox.Models.Store;

namespace Shoebox.Models.Encoders;

/// <summary>A model's vision tower: images in, unit vectors out.</summary>
public sealed class OnnxImageEncoder : IImageEncoder
{
    private readonly OnnxTower _tower;
    private readonly PreprocessSpec _spec;
    private readonly float[]? _centre;

    /// <param name="threads">Threads per run: 0 for all cores (one image at a time, as a search asks); <see
    /// cref="OnnxSessionFactory.ThreadPerRun"/> for indexing, where runs go at once beside the decoders.</param>
    /// <param name="logger">Told which execution provider the tower runs on.</param>
    public OnnxImageEncoder(InstalledModel model, int threads = 0, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var descriptor = model.Descriptor;
        _spec = PreprocessSpecs.For(descriptor);
        _tower = new OnnxTower(model.PathOf(descriptor.Vision.File), descriptor.Vision, descriptor.Dimensions, threads, logger);
        Model = new ModelIdentity(descriptor.Id, descriptor.Version, descriptor.Dimensions);
        _centre = descriptor.Centre is { } centre ? [.. centre] : null;
    }

    public ModelIdentity Model { get; }

    /// <summary>The execution provider chosen (CUDA, CoreML, DirectML or CPU).</summary>
    public string Provider => _tower.Provider;

    public int RunsAtOnce => _tower.RunsAtOnce;

    /// <summary>
    /// Three times the model's input: the smallest decode whose pixels, resized the model's way, stay within
    /// 0.005 (mean) of resizing the full image (see the preprocessing reference tests).
    /// </summary>
    public int DecodeSize => _spec.DecodeSize;

    public float[] Preprocess(RgbImage image) => ImagePreprocessor.Run(image, _spec);

    public IReadOnlyList<float[]> Encode(IReadOnlyList<float[]> preprocessed)
    {
        ArgumentNullException.ThrowIfNull(preprocessed);
        if (preprocessed.Count == 0)
        {
            return [];
        }
        var batch = new float[preprocessed.Count * _spec.TensorLength];
        for (var i = 0; i < preprocessed.Count; i++)
        {
            preprocessed[i].CopyTo(batch, i * _spec.TensorLength);
        }
        var vectors = _tower.Run(batch, [3, _spec.Size, _spec.Size], preprocessed.Count);
        return _centre is null ? vectors : [.. vectors.Select(v => Vectors.Centred(v, _centre))];
    }

    public void Dispose() => _tower.Dispose();
}
