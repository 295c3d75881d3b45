using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Search.Engine;

/// <summary>What a <see cref="SearchEngine"/> is built from; the host (CLI or web) resolves the model.</summary>
public sealed record SearchEngineOptions
{
    /// <summary>The library searched: its catalog, and its folder, where the vector index file is kept.</summary>
    public required Library Library { get; init; }

    /// <summary>The model whose vectors are searched; null searches file names, keywords, captions and the text read in pictures only.</summary>
    public ModelIdentity? Model { get; init; }

    /// <summary>
    /// Opens the encoder of query words; null when the model cannot read text or is not installed. Called once,
    /// when first needed (loading a text tower takes a second), or by <see cref="SearchEngine.Warm"/>.
    /// </summary>
    public Func<ITextEncoder>? Texts { get; init; }

    /// <summary>Why <see cref="Texts"/> is null, in a few words shown to the user ("resnet18 compares images only").</summary>
    public string? WhyNoTexts { get; init; }

    /// <summary>Opens the encoder of example images; null when the model is not installed. Called once, when first needed.</summary>
    public Func<IImageEncoder>? Images { get; init; }

    /// <summary>Guards for example images (uploads go through the same pixel limit as indexing).</summary>
    public DecodeOptions Decode { get; init; } = new();
}
