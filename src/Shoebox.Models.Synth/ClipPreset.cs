namespace Shoebox.Models.Synth;

/// <summary>Width, depth and heads of one transformer tower.</summary>
internal sealed record TowerShape(int Width, int Layers, int Heads, int MlpWidth)
{
    public int HeadWidth => Width / Heads;
}

/// <summary>The shapes of a generated CLIP. Token count and vocabulary are fixed by CLIP's tokenizer.</summary>
internal sealed record ClipPreset(string Name, int ImageSize, int PatchSize, TowerShape Vision, TowerShape Text, int EmbedDim)
{
    public const int ContextLength = 77;
    public const int VocabSize = 49408;

    /// <summary>Small enough for tests: the 49,408-row token table dominates the text file, hence its narrow width.</summary>
    public static readonly ClipPreset Tiny = new("tiny", 224, 32, new TowerShape(64, 2, 2, 256), new TowerShape(32, 2, 2, 128), 32);

    /// <summary>openai/clip-vit-base-patch32's shapes: 87.8M image and 63.4M text parameters.</summary>
    public static readonly ClipPreset VitB32 = new("vit-b32", 224, 32, new TowerShape(768, 12, 12, 3072), new TowerShape(512, 12, 8, 2048), 512);

    public static IReadOnlyList<ClipPreset> All { get; } = [Tiny, VitB32];

    public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Patches plus the class token.</summary>
    public int VisionTokens => (PatchesPerSide * PatchesPerSide) + 1;

    public static ClipPreset Named(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"unknown preset '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}", nameof(name));
}
