using System.Text;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// Keeps apart pictures whose text read by OCR differs: the same template with another caption, or with none. Their
/// hashes and grey levels can be close (a caption is a small part of the picture), and an image model's vectors
/// may be too (ResNet-18 puts every meme near every other), but their words are not. Only photos whose text was
/// read take part: a photo not read yet guards nothing. OCR misreads a copy's words now and then and reads less of a
/// smaller or cropped copy, so the rules are lenient where a copy is clearly the smaller (measured on the shared
/// memes, whose copies were read with PP-OCRv4: see the duplicates bench).
/// </summary>
public sealed class TextGuard
{
    // Letter triples two readings must share, of the longer one's (of the shorter one's where one picture is clearly
    // the smaller, see Comparable): copies share nearly all (a misread or cut-off word costs a few), other captions on
    // one template few. Of the shorter one's alone, a blank template whose only words are a watermark would share
    // all of them with every captioned meme carrying that watermark. On the memes, dividing by the longer reading
    // between pictures of about one size changes neither pair precision (0.964) nor recall (0.984).
    private const double SameText = 0.3;

    // The least share of the larger picture's pixels for two pictures to be read alike: OCR reads less of a smaller or
    // cropped copy (the memes' crops keep 81% of the pixels, their halves 25%), but as much of one of the same size.
    private const double Comparable = 0.9;

    // A reading with this many triples or more (about eight letters) is text; with none (under four letters), no text.
    private const int SomeText = 6;

    private readonly Dictionary<long, HashSet<string>> _triples = [];
    private readonly IReadOnlyDictionary<long, long> _pixels;

    /// <param name="texts">The text read in each photo whose reading is done (empty when it had none).</param>
    /// <param name="pixels">The photos' pixel counts: a smaller copy may have had its text missed.</param>
    public TextGuard(IReadOnlyDictionary<long, string> texts, IReadOnlyDictionary<long, long> pixels)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(pixels);
        _pixels = pixels;
        foreach (var (id, text) in texts)
        {
            _triples[id] = Triples(Letters(text));
        }
    }

    /// <summary>A guard that knows no texts: keeps nothing apart.</summary>
    public static TextGuard None { get; } = new(new Dictionary<long, string>(), new Dictionary<long, long>());

    /// <summary>Whether both photos were read and say different things (or one says nothing, and was not the smaller to read).</summary>
    public bool Differ(long a, long b)
    {
        if (!_triples.TryGetValue(a, out var ta) || !_triples.TryGetValue(b, out var tb))
        {
            return false;
        }
        if (ta.Count == 0 || tb.Count == 0)
        {
            // The blank template beside a captioned meme; but a copy smaller than the other may just have been read worse.
            var (empty, other, text) = ta.Count == 0 ? (a, b, tb) : (b, a, ta);
            return text.Count >= SomeText && _pixels.GetValueOrDefault(empty) >= _pixels.GetValueOrDefault(other);
        }
        var shared = ta.Count < tb.Count ? ta.Count(tb.Contains) : tb.Count(ta.Contains);
        var (pa, pb) = (_pixels.GetValueOrDefault(a), _pixels.GetValueOrDefault(b));
        var alike = Math.Min(pa, pb) >= Comparable * Math.Max(pa, pb);
        return (double)shared / (alike ? Math.Max(ta.Count, tb.Count) : Math.Min(ta.Count, tb.Count)) < SameText;
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
        for (var i = 0; letters.Length >= 4 && i + 3 <= letters.Length; i++)
        {
            triples.Add(letters.Substring(i, 3));
        }
        return triples;
    }
}
