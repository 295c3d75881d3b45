using System.Text;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// SigLIP's caption canonicalisation (from big_vision, as Hugging Face's SiglipTokenizer applies it): lowercase,
/// ASCII punctuation removed, whitespace collapsed and trimmed. Its training captions went through the same, so
/// queries must too.
/// </summary>
internal static class SigLipText
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static string Canonicalize(string text)
    {
        // A literal U+2581 would read as a word boundary to SentencePiece; the reference turns it into a space first.
        var lower = PythonText.Lower(text.Replace(SentencePieceNormalizer.SpaceSymbol, ' '));
        var builder = new StringBuilder(lower.Length);
        foreach (char c in lower)
        {
            if (!AsciiPunctuation.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
        }

        return PythonText.CollapseWhitespace(builder.ToString());
    }
}
