namespace Shoebox.Models.Tokenizers;

/// <summary>
/// A SentencePiece unigram tokenizer read from a <c>spiece.model</c>, set up by default as SigLIP's text tower
/// expects it: canonicalised text, end-of-sequence appended, no start token, padded to 64. Immutable after loading,
/// so one instance serves any number of threads.
/// </summary>
public sealed class SentencePieceTokenizer : ITokenizer
{
    public const int SigLipContextLength = 64;

    private readonly SentencePieceNormalizer _normalizer;
    private readonly UnigramSegmenter _segmenter;
    private readonly bool _canonicalize;

    private SentencePieceTokenizer(SentencePieceModel model, int contextLength, int? padId, bool canonicalize)
    {
        if (model.ModelType != SentencePieceModel.UnigramModelType)
        {
            throw new NotSupportedException($"Only unigram SentencePiece models are supported; this one has model type {model.ModelType}.");
        }

        // Both change what unknown text and whitespace become in ways this reader does not reproduce.
        if (model.ByteFallback || model.TreatWhitespaceAsSuffix)
        {
            throw new NotSupportedException("SentencePiece models with byte fallback or suffix whitespace are not supported.");
        }

        VocabularySize = model.Pieces.Count;
        UnknownId = IndexOf(model, p => p.Type == PieceType.Unknown)
            ?? throw new InvalidDataException("The SentencePiece model has no unknown piece.");
        EndOfSequenceId = IndexOf(model, p => p.Type == PieceType.Control && p.Text == model.EndOfSequencePiece)
            ?? throw new InvalidDataException($"The SentencePiece model has no end-of-sequence piece '{model.EndOfSequencePiece}'.");

        int pad = padId ?? EndOfSequenceId;
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pad, nameof(padId));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pad, VocabularySize, nameof(padId));

        ContextLength = contextLength;
        PadId = pad;
        _canonicalize = canonicalize;
        _normalizer = new SentencePieceNormalizer(model.Normalizer);
        _segmenter = new UnigramSegmenter(model.Pieces, UnknownId);
    }

    public int ContextLength { get; }

    public int PadId { get; }

    public int EndOfSequenceId { get; }

    public int UnknownId { get; }

    public int VocabularySize { get; }

    /// <param name="spieceModelPath">The model file, e.g. <c>spiece.model</c> of google/siglip-base-patch16-224.</param>
    /// <param name="contextLength">Row length <see cref="EncodeForModel"/> pads to; SigLIP's text tower needs 64.</param>
    /// <param name="padId">Fills the row after the end token; the model's end-of-sequence id when null (SigLIP).</param>
    /// <param name="canonicalize">
    /// Apply SigLIP's text canonicalisation (lowercase, ASCII punctuation removed, whitespace collapsed) before
    /// encoding for the model; turn off for models trained on raw text.
    /// </param>
    public static SentencePieceTokenizer Load(string spieceModelPath, int contextLength = SigLipContextLength, int? padId = null, bool canonicalize = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(spieceModelPath);
        return FromBytes(File.ReadAllBytes(spieceModelPath), contextLength, padId, canonicalize);
    }

    public static SentencePieceTokenizer FromBytes(ReadOnlySpan<byte> spieceModel, int contextLength = SigLipContextLength, int? padId = null, bool canonicalize = true) =>
        new(SentencePieceModel.Parse(spieceModel), contextLength, padId, canonicalize);

    /// <summary>Piece ids for the text exactly as the SentencePiece library's <c>encode</c> gives them: no special tokens.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Segment(_normalizer.Normalize(text, _normalizer.AddsDummyPrefix));
    }

    public long[] EncodeForModel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int[] ids = _canonicalize ? EncodeCanonical(text) : Encode(text);
        return TokenRow.Build(ids, startId: null, EndOfSequenceId, ContextLength, PadId);
    }

    // Hugging Face's SiglipTokenizer turns the model's dummy prefix off and puts the space symbol in front of the
    // canonical text itself, shielded from leading-space stripping. That differs from a plain Encode when the text
    // starts with something the model normalises to a space (a zero-width space, say).
    private int[] EncodeCanonical(string text)
    {
        var canonical = SigLipText.Canonicalize(text);
        return Segment(_normalizer.Normalize(SentencePieceNormalizer.SpaceSymbol + canonical, addDummyPrefix: false, continuation: true));
    }

    private int[] Segment(string normalized)
    {
        var ids = new List<int>(normalized.Length);
        _segmenter.Segment(normalized, ids);
        return [.. ids];
    }

    private static int? IndexOf(SentencePieceModel model, Func<Piece, bool> match)
    {
        for (int i = 0; i < model.Pieces.Count; i++)
        {
            if (match(model.Pieces[i]))
            {
                return i;
            }
        }

        return null;
    }
}
