namespace Shoebox.Models.Captions;

/// <summary>Where the vision model runs and how patiently to ask it.</summary>
public sealed record OllamaOptions
{
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:11434");

    public const string DefaultModel = "llava";

    public const string DefaultPrompt =
        "Describe this photo in one or two plain sentences: the main subjects, the setting, and any clearly visible text. " +
        "Answer with the description only, without any preamble.";

    public Uri BaseUrl { get; init; } = DefaultUrl;

    public string Model { get; init; } = DefaultModel;

    public string Prompt { get; init; } = DefaultPrompt;

    /// <summary>For one answer. Vision models on a CPU take tens of seconds per image, and the first loads the model.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Tries after the first, for timeouts, server errors and refused connections.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Before the first retry; doubled before each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longer answers are cut at a word: a caption is for searching and showing, not an essay.</summary>
    public int MaxLength { get; init; } = 500;

    /// <summary>What the catalog records as the texts' source, and the stage name's suffix.</summary>
    public string SourceName => "ollama:" + Model;
}
