using System.Text;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// Keeps apart pictures whose text read by OCR differs: the same template with another caption, or with none. Their
/// hashes and grey levels can be close (a caption is a small part of the picture), and an image model's vectors
/// may be too (ResNet-18 puts every meme near every other), but their words are not. Only photos whose text was
/// read take part: a photo not read yet guards nothing.
/// </summary>
public sealed class TextGuard
{
    // Below this many letters a picture counts as having no text: a stray mark read as a letter or two.
    private const int NoText = 4;

    // Two readings of one caption share most of their letter triples even when one copy was halved or cropped
    // (OCR then misreads or loses a few letters); two captions on one template share few.
    private const double SameText = 0.5;

    private readonly Dictionary<long, HashSet<string>> _triples = [];

    /// <param name="texts">The text read in each photo whose reading is done (empty when it had none).</param>
    public TextGuard(IReadOnlyDictionary<long, string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var (id, text) in texts)
        {
            _triples[id] = Triples(Letters(text));
        }
    }

    /// <summary>A guard that knows no texts: keeps nothing apart.</summary>
    public static TextGuard None { get; } = new(new Dictionary<long, string>());

    /// <summary>Whether both photos were read and say different things (one of them nothing).</summary>
    public bool Differ(long a, long b)
    {
        if (!_triples.TryGetValue(a, out var ta) || !_triples.TryGetValue(b, out var tb))
        {
            return false;
        }
        var (emptyA, emptyB) = (ta.Count == 0, tb.Count == 0);
        if (emptyA || emptyB)
        {
            return emptyA != emptyB;
        }
        var shared = ta.Count < tb.Count ? ta.Count(tb.Contains) : tb.Count(ta.Contains);
        return 2.0 * shared / (ta.Count + tb.Count) < SameText;
    }

    // Letters and digits only, in one case: spaces and punctuation are what OCR gets wrong most.
    private static string Letters(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToUpperInvariant(c));
            }
        }
        return letters.ToString();
    }

    private static HashSet<string> Triples(string letters)
    {
        var triples = new HashSet<string>(StringComparer.Ordinal);
        if (letters.Length < NoText)
        {
            return triples;
        }
        for (var i = 0; i + 3 <= letters.Length; i++)
        {
            triples.Add(letters.Substring(i, 3));
        }
        return triples;
    }
}
