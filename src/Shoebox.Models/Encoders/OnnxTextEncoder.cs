using Microsoft.Extensions.Logging;
using Shoebox.Core;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Models.Tokenizers;

namespace Shoebox.Models.Encoders;

/// <summary>A model's text tower: words in, unit vectors in the same space as its images.</summary>
public sealed class OnnxTextEncoder : ITextEncoder
{
    private readonly OnnxTower _tower;
    private readonly ITokenizer _tokenizer;

    /// <param name="logger">Told which execution provider the tower runs on.</param>
    public OnnxTextEncoder(InstalledModel model, int threads = 0, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var descriptor = model.Descriptor;
        if (!descriptor.CanEmbedText)
        {
            throw new ModelUnavailableException($"{descriptor.Id} has no text tower: it finds similar images, but cannot search by text. Use a CLIP or SigLIP model for that.");
        }
        _tokenizer = descriptor.Tokenizer == TokenizerKind.SentencePiece
            ? SentencePieceTokenizer.Load(model.PathOf("spiece.model"))
            : ClipTokenizer.Load();
        _tower = new OnnxTower(model.PathOf(descriptor.Text!.File), descriptor.Text, descriptor.Dimensions, threads, logger);
        Model = new ModelIdentity(descriptor.Id, descriptor.Version, descriptor.Dimensions);
    }

    public ModelIdentity Model { get; }

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        var length = _tokenizer.ContextLength;
        var ids = new long[texts.Count * length];
        for (var i = 0; i < texts.Count; i++)
        {
            _tokenizer.EncodeForModel(texts[i]).CopyTo(ids, i * length);
        }
        return _tower.Run(ids, [length], texts.Count);
    }

    public void Dispose() => _tower.Dispose();
}
