using System.Text;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// Splits cleaned text into the words BPE runs on, as CLIP's pattern
/// <c>&lt;|startoftext|&gt;|&lt;|endoftext|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c> does.
/// Walked by hand over code points rather than with Regex: .NET matches \p{L} per UTF-16 unit, so letters outside
/// the BMP (CJK extension B, math alphabets) would fall into the punctuation branch and split differently.
/// </summary>
internal static class ClipPreTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";

    // The alternatives before the character classes, in the pattern's order; the first that matches wins.
    private static readonly string[] Literals = [StartOfText, EndOfText, "'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    public static List<string> Split(string text)
    {
        var words = new List<string>();
        int at = 0;
        while (at < text.Length)
        {
            var rest = text.AsSpan(at);
            if (StartsWithAny(rest, out int matched))
            {
                words.Add(text.Substring(at, matched));
                at += matched;
                continue;
            }

            var rune = RuneAt(text, at);
            if (Rune.IsWhiteSpace(rune))
            {
                at += rune.Utf16SequenceLength;
                continue;
            }

            int end;
            if (Rune.IsLetter(rune))
            {
                end = Scan(text, at, static r => Rune.IsLetter(r));
            }
            else if (Rune.IsNumber(rune))
            {
                // One digit per word: the vocabulary has no multi-digit tokens.
                end = at + rune.Utf16SequenceLength;
            }
            else
            {
                end = Scan(text, at, static r => !Rune.IsWhiteSpace(r) && !Rune.IsLetter(r) && !Rune.IsNumber(r));
            }

            words.Add(text[at..end]);
            at = end;
        }

        return words;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> rest, out int length)
    {
        foreach (var literal in Literals)
        {
            if (rest.StartsWith(literal, StringComparison.Ordinal))
            {
                length = literal.Length;
                return true;
            }
        }

        length = 0;
        return false;
    }

    private static int Scan(string text, int from, Func<Rune, bool> belongs)
    {
        int at = from;
        while (at < text.Length)
        {
            var rune = RuneAt(text, at);
            if (!belongs(rune))
            {
                break;
            }

            at += rune.Utf16SequenceLength;
        }

        return at;
    }

    // A lone surrogate reads as U+FFFD, which is what its UTF-8 encoding becomes later anyway.
    private static Rune RuneAt(string text, int index) =>
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done
            ? rune
            : Rune.ReplacementChar;
}
