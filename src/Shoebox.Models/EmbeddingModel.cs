using Microsoft.Extensions.Logging;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Encoders;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models;

/// <summary>
/// The whole model in one object, for programs built on Shoebox: load a model by id (downloading it on first use)
/// or from a folder, then turn image files and text into comparable unit vectors.
/// <code>
/// using var model = await EmbeddingModel.LoadAsync("clip-vit-b32");
/// var similarity = Vectors.Similarity(model.EmbedImage("cat.jpg"), model.EmbedText("a photo of a cat"));
/// </code>
/// </summary>
public sealed class EmbeddingModel : IDisposable
{
    private readonly InstalledModel _model;
    private readonly ImageDecoder _decoder = new();
    private readonly Lazy<OnnxImageEncoder> _images;
    private readonly Lazy<OnnxTextEncoder> _texts;

    /// <param name="logger">Told which execution provider each tower runs on, when it is loaded.</param>
    public EmbeddingModel(InstalledModel model, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _images = new(() => new OnnxImageEncoder(model, logger: logger));
        _texts = new(() => new OnnxTextEncoder(model, logger: logger));
        Identity = new ModelIdentity(model.Descriptor.Id, model.Descriptor.Version, model.Descriptor.Dimensions);
    }

    public ModelIdentity Identity { get; }

    public ModelDescriptor Descriptor => _model.Descriptor;

    public bool CanEmbedText => _model.Descriptor.CanEmbedText;

    public IImageEncoder Images => _images.Value;

    public ITextEncoder Texts => _texts.Value;

    public static async Task<EmbeddingModel> LoadAsync(
        string model = ModelRegistry.DefaultId, StoreOptions? store = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var installed = await ModelResolver.InstallAsync(model, new ModelStore(store ?? new StoreOptions()), progress, cancellationToken);
        return new EmbeddingModel(installed);
    }

    /// <summary>The unit vector of an image file (any format Shoebox reads).</summary>
    public float[] EmbedImage(string path)
    {
        var encoder = _images.Value;
        var image = _decoder.Decode(path, encoder.DecodeSize, Fit.Cover);
        return encoder.Encode([encoder.Preprocess(image)])[0];
    }

    /// <summary>The unit vector of a text, in the same space as the images.</summary>
    public float[] EmbedText(string text) => _texts.Value.Encode([text])[0];

    public void Dispose()
    {
        if (_images.IsValueCreated)
        {
            _images.Value.Dispose();
        }
        if (_texts.IsValueCreated)
        {
            _texts.Value.Dispose();
        }
    }
}
