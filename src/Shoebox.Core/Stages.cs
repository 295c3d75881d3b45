namespace Shoebox.Core;

/// <summary>
/// Names of the per-photo work items the catalog tracks. Later stages (embeddings per model, OCR) add their own
/// names; the catalog stores any name.
/// </summary>
public static class Stages
{
    public const string Metadata = "metadata";
    public const string Thumbnails = "thumbnails";

    /// <summary>The perceptual hash that groups near-duplicates.</summary>
    public const string PerceptualHash = "phash";

    /// <summary>Text read from the pixels (OCR).</summary>
    public const string Ocr = "ocr";

    /// <summary>Faces found, described and stored; grouping them into people follows from what the catalog holds.</summary>
    public const string Faces = "faces";

    /// <summary>Automatic tags: made again whenever the photo's text or vector changes, or the tagger does.</summary>
    public const string Tags = "tags";

    /// <summary>The place's names from the photo's coordinates: made again whenever the place data changes.</summary>
    public const string Places = "places";

    public const string EmbeddingPrefix = "embed:";

    public const string CaptionPrefix = "caption:";

    /// <summary>One stage per model, so several models' vectors can be made (and be pending) side by side.</summary>
    public static string Embedding(ModelIdentity model) => EmbeddingPrefix + model.Key;

    /// <summary>One stage per caption model (an Ollama model name), queued by `shoebox caption`, not by indexing.</summary>
    public static string Caption(string model) => CaptionPrefix + model;

    /// <summary>The stages every new photo starts with.</summary>
    public static readonly IReadOnlyList<string> Initial = [Metadata, Thumbnails, PerceptualHash];
}

public enum StageState
{
    Pending,
    Done,
    Failed,
}
