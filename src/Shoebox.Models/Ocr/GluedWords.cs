using System.IO.Compression;
using System.Text;

namespace Shoebox.Models.Ocr;

/// <summary>
/// Puts back spaces that recognition lost between words. Impact-style meme lettering leaves only a sliver between
/// words, and greedy CTC then reads "ASLEEPIN" or "IT'SA"; a word that is not English but splits into English words
/// is split, into as few as possible. Only tokens in one case are touched (capitalised ones are names or other
/// languages more often than glued words), and one- and two-letter pieces must be common words ("a", "in", "is").
/// </summary>
public static class GluedWords
{
    private const int LongestWord = 24;

    private static readonly HashSet<string> ShortWords =
    [
        "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my", "no",
        "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
    ];

    private static readonly Lazy<HashSet<string>> Dictionary = new(Load);

    /// <summary>The line with glued words split; everything else (punctuation, spacing of other tokens) as it was.</summary>
    public static string Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = line.Split(' ');
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            var start = 0;
            var end = token.Length;
            while (start < end && !IsWordChar(token[start]))
            {
                start++;
            }
            while (end > start && !IsWordChar(token[end - 1]))
            {
                end--;
            }
            if (end - start >= 4 && Pieces(token[start..end]) is { } pieces)
            {
                tokens[t] = token[..start] + string.Join(' ', pieces) + token[end..];
            }
        }
        return string.Join(' ', tokens);
    }

    // The fewest dictionary words that make up the word exactly, or null when it is a word already or cannot be made.
    private static List<string>? Pieces(string word)
    {
        if (!word.All(IsWordChar) || !(word.All(c => !char.IsLower(c)) || word.All(c => !char.IsUpper(c))))
        {
            return null;
        }
        var lower = word.ToLowerInvariant();
        var dictionary = Dictionary.Value;
        if (dictionary.Contains(lower))
        {
            return null;
        }
        // fewest[i]: the fewest words making up lower[..i], and where the last of them starts.
        var fewest = new (int Count, int From)[lower.Length + 1];
        Array.Fill(fewest, (int.MaxValue, -1));
        fewest[0] = (0, 0);
        for (var end = 1; end <= lower.Length; end++)
        {
            for (var start = Math.Max(0, end - LongestWord); start < end; start++)
            {
                if (fewest[start].Count == int.MaxValue || fewest[start].Count + 1 >= fewest[end].Count)
                {
                    continue;
                }
                var piece = lower[start..end];
                if (dictionary.Contains(piece) && (piece.Length > 2 || ShortWords.Contains(piece)))
                {
                    fewest[end] = (fewest[start].Count + 1, start);
                }
            }
        }
        if (fewest[^1].Count == int.MaxValue)
        {
            return null;
        }
        var pieces = new List<string>();
        for (var end = lower.Length; end > 0; end = fewest[end].From)
        {
            pieces.Insert(0, word[fewest[end].From..end]);
        }
        return pieces;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetter(c) || c == '\'';

    private static HashSet<string> Load()
    {
        using var stream = typeof(GluedWords).Assembly.GetManifestResourceStream("Shoebox.Models.Ocr.english-words.txt.gz")
            ?? throw new InvalidOperationException("The English word list is missing from the build.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }
        return words;
    }
}
