namespace Shoebox.Core;

/// <summary>
/// Which model made a vector. Stored with every vector, so vectors of different models (or versions, or exports
/// of the same model) are never compared with each other.
/// </summary>
public sealed record ModelIdentity(string Id, string Version, int Dimensions)
{
    /// <summary>How the catalog names this model's vectors and its embedding stage.</summary>
    public string Key => $"{Id}@{Version}";
}

/// <summary>Turns images into vectors of one model's space: L2-normalised, <see cref="ModelIdentity.Dimensions"/> long.</summary>
public interface IImageEncoder : IDisposable
{
    ModelIdentity Model { get; }

    /// <summary>The size the decoder should deliver (shorter side), so preprocessing starts from enough pixels.</summary>
    int DecodeSize { get; }

    /// <summary>Resize, crop and normalise as the model was trained: CPU work the decode workers do in parallel.</summary>
    float[] Preprocess(RgbImage image);

    /// <summary>Runs the model on preprocessed images, all at once.</summary>
    IReadOnlyList<float[]> Encode(IReadOnlyList<float[]> preprocessed);

    /// <summary>Calls to <see cref="Encode"/> that make progress together (each on its own core), rather than take turns.</summary>
    int RunsAtOnce => 1;
}

/// <summary>Turns text into vectors of the same space as its model's <see cref="IImageEncoder"/>.</summary>
public interface ITextEncoder : IDisposable
{
    ModelIdentity Model { get; }

    IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts);
}
