namespace Shoebox.Models.Registry;

/// <summary>What a model expects of an image before its vision tower sees it.</summary>
public enum Preprocessing
{
    /// <summary>Shorter side to 224 (bicubic), centre crop, CLIP's mean and std.</summary>
    Clip,

    /// <summary>Squashed to 224 x 224 (bicubic), mean = std = 0.5.</summary>
    Siglip,

    /// <summary>Shorter side to 224, centre crop, ImageNet's mean and std.</summary>
    ImageNet,
}

public enum TokenizerKind
{
    /// <summary>The model has no text tower: it can find similar images but not search by text.</summary>
    None,

    /// <summary>CLIP's byte-level BPE (vendored with Shoebox), 77 tokens.</summary>
    ClipBpe,

    /// <summary>SentencePiece (spiece.model, downloaded with the model), padded to 64 tokens.</summary>
    SentencePiece,
}

/// <summary>One file of a model: where it lives in the source repository and how to recognise it.</summary>
/// <param name="Sha256">Lower-case hex when pinned here; when null the hub's published hash is required and checked.</param>
public sealed record ModelFile(string Path, long? Size = null, string? Sha256 = null);

/// <summary>A tower: the ONNX file and the names of its one input and one output.</summary>
public sealed record Tower(string File, string Input, string Output);

/// <summary>
/// Everything Shoebox needs to know about a model to download it, run it and keep its vectors apart from every
/// other model's: identity and version, files with sizes and hashes, vector size, preprocessing and tokenizer.
/// </summary>
public sealed record ModelDescriptor
{
    public required string Id { get; init; }

    /// <summary>Changes whenever the vectors would change (another export, another preprocessing).</summary>
    public required string Version { get; init; }

    public required string Description { get; init; }

    public required int Dimensions { get; init; }

    public required Preprocessing Preprocessing { get; init; }

    /// <summary>The square the vision tower takes (224 for most, 256 for some SigLIP variants).</summary>
    public int ImageSize { get; init; } = 224;

    public required TokenizerKind Tokenizer { get; init; }

    public required Tower Vision { get; init; }

    public Tower? Text { get; init; }

    /// <summary>Hugging Face repository the files come from ("owner/name"), or null for a model that ships with Shoebox.</summary>
    public string? Repository { get; init; }

    /// <summary>Repository revision: a commit hash pins the exact files.</summary>
    public string Revision { get; init; } = "main";

    public required IReadOnlyList<ModelFile> Files { get; init; }

    /// <summary>
    /// For an image-only model whose vectors all point one way (ResNet's features are all non-negative, so any two
    /// photos score about 0.8 and the relevance cutoff keeps nearly everything): the mean of its unit vectors over
    /// ordinary photos, taken off every image vector before it is made unit length again. Part of the vectors'
    /// identity: a model gains or changes one with a new <see cref="Version"/>.
    /// </summary>
    public IReadOnlyList<float>? Centre { get; init; }

    public required string Licence { get; init; }

    public required string Source { get; init; }

    public bool CanEmbedText => Text is not null && Tokenizer != TokenizerKind.None;

    public long? DownloadSize => Files.All(f => f.Size is not null) ? Files.Sum(f => f.Size!.Value) : null;
}
