namespace Shoebox.Core;

/// <summary>
/// Names of the per-photo work items the catalog tracks. Later stages (embeddings per model, OCR) add their own
/// names; the catalog stores any name.
/// </summary>
public static class Stages
{
    public const string Metadata = "metadata";
    public const string Thumbnails = "thumbnails";

    public const string Ocr = "ocr";

    public const string EmbeddingPrefix = "embed:";

    /// <summary>One stage per model, so several models' vectors can be made (and be pending) side by side.</summary>
    public static string Embedding(ModelIdentity model) => EmbeddingPrefix + model.Key;

    /// <summary>The stages every new photo starts with.</summary>
    public static readonly IReadOnlyList<string> Initial = [Metadata, Thumbnails];
}

public enum StageState
{
    Pending,
    Done,
    Failed,
}
