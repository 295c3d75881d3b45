namespace Shoebox.Models.Tokenizers;

/// <summary>
/// OpenAI CLIP's tokenizer (49,408 tokens, byte-level BPE). The merges ship inside this assembly, so loading needs
/// no files; all instances share one parsed vocabulary and one word cache, and every member is safe to call from
/// several threads.
/// </summary>
public sealed class ClipTokenizer : ITokenizer
{
    public const int StartOfTextId = 49406;
    public const int EndOfTextId = 49407;
    public const int VocabularySize = ClipBpe.VocabularySize;
    public const int DefaultContextLength = 77;

    private readonly ClipBpe _bpe;

    private ClipTokenizer(ClipBpe bpe, int contextLength, int padId)
    {
        _bpe = bpe;
        ContextLength = contextLength;
        PadId = padId;
    }

    public int ContextLength { get; }

    /// <summary>Fills the row after the end token: 49407 for the Hugging Face exports, 0 for OpenAI's own.</summary>
    public int PadId { get; }

    public static ClipTokenizer Load(int contextLength = DefaultContextLength, int padId = EndOfTextId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(padId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(padId, VocabularySize);
        return new ClipTokenizer(ClipBpe.Shared, contextLength, padId);
    }

    /// <summary>The text's tokens without start and end tokens and without any length limit.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<int>();
        foreach (var word in ClipPreTokenizer.Split(ClipTextCleaner.Clean(text)))
        {
            tokens.AddRange(_bpe.EncodeWord(word));
        }

        return [.. tokens];
    }

    public long[] EncodeForModel(string text) => EncodeForModel(text, ContextLength, PadId);

    public long[] EncodeForModel(string text, int contextLength, int padId) =>
        TokenRow.Build(Encode(text), StartOfTextId, EndOfTextId, contextLength, padId);
}
