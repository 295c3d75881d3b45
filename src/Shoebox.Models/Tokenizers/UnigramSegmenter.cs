using System.Text;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// Splits normalised text into the sequence of pieces with the highest total score (Viterbi over every piece that
/// matches at every position), the way SentencePiece's unigram model encodes. Scores are summed in single precision
/// and ties keep the first path found, as the reference does, so near-equal splits come out the same.
/// </summary>
internal sealed class UnigramSegmenter
{
    // SentencePiece scores an unknown character this far below the worst real piece.
    private const float UnknownPenalty = 10f;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _scores;
    private readonly int _maxPieceChars;
    private readonly float _unknownScore;

    public UnigramSegmenter(IReadOnlyList<Piece> pieces, int unknownId)
    {
        UnknownId = unknownId;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _scores = new float[pieces.Count];

        float minScore = float.MaxValue, maxScore = float.MinValue;
        foreach (var piece in pieces)
        {
            if (piece.Type == PieceType.Normal)
            {
                minScore = Math.Min(minScore, piece.Score);
                maxScore = Math.Max(maxScore, piece.Score);
            }
        }

        for (int id = 0; id < pieces.Count; id++)
        {
            var piece = pieces[id];

            // Only these can be matched in text; control, unknown and byte pieces are produced by rules, and unused
            // pieces are never produced at all.
            if (piece.Type is not (PieceType.Normal or PieceType.UserDefined) || piece.Text.Length == 0)
            {
                continue;
            }

            ids.TryAdd(piece.Text, id);
            _maxPieceChars = Math.Max(_maxPieceChars, piece.Text.Length);

            // User-defined pieces must win wherever they match, so they outscore any split of the same bytes.
            _scores[id] = piece.Type == PieceType.UserDefined
                ? (float)((Encoding.UTF8.GetByteCount(piece.Text) * maxScore) - 0.1)
                : piece.Score;
        }

        _lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _unknownScore = minScore - UnknownPenalty;
    }

    public int UnknownId { get; }

    public void Segment(string text, List<int> output)
    {
        int n = text.Length;
        if (n == 0)
        {
            return;
        }

        // Best path ending at each char offset: its score, where its last piece starts (-1: not reached) and that
        // piece's id.
        var best = new float[n + 1];
        var startOf = new int[n + 1];
        var pieceOf = new int[n + 1];
        Array.Fill(startOf, -1);
        startOf[0] = 0;

        for (int start = 0; start < n; start += CharLength(text, start))
        {
            float here = best[start];
            int charLength = CharLength(text, start);
            bool singleCharPiece = false;
            int longest = Math.Min(_maxPieceChars, n - start);
            for (int length = 1; length <= longest; length++)
            {
                if (!_lookup.TryGetValue(text.AsSpan(start, length), out int id))
                {
                    continue;
                }

                Relax(start + length, start, id, _scores[id] + here, best, startOf, pieceOf);
                singleCharPiece |= length == charLength;
            }

            if (!singleCharPiece)
            {
                Relax(start + charLength, start, UnknownId, _unknownScore + here, best, startOf, pieceOf);
            }
        }

        int first = output.Count;
        for (int end = n; end > 0; end = startOf[end])
        {
            output.Add(pieceOf[end]);
        }

        output.Reverse(first, output.Count - first);
        MergeUnknownRuns(output, first);
    }

    private static void Relax(int end, int start, int id, float score, float[] best, int[] startOf, int[] pieceOf)
    {
        if (startOf[end] == -1 || score > best[end])
        {
            best[end] = score;
            startOf[end] = start;
            pieceOf[end] = id;
        }
    }

    // Adjacent unknown characters come out as one unknown piece, as SentencePiece reports them.
    private void MergeUnknownRuns(List<int> ids, int from)
    {
        int write = from;
        for (int read = from; read < ids.Count; read++)
        {
            if (ids[read] == UnknownId && write > from && ids[write - 1] == UnknownId)
            {
                continue;
            }

            ids[write++] = ids[read];
        }

        ids.RemoveRange(write, ids.Count - write);
    }

    private static int CharLength(string text, int at) =>
        char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
}
