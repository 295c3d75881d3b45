using System.Globalization;
using System.Text;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// String operations the reference tokenizers perform in Python, reproduced where .NET's nearest equivalent gives a
/// different string (and so different ids).
/// </summary>
internal static class PythonText
{
    /// <summary>re.sub(r"\s+", " ", text).strip(): runs of whitespace become one space, none at either end.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // Python's str.isspace also counts the four ASCII separator controls.
    public static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary>
    /// Lowercases the way Python's str.lower does where it differs from .NET's simple mapping: a word-final capital
    /// sigma becomes ς, and İ becomes i plus a combining dot. Greek and Turkish queries otherwise tokenise differently.
    /// </summary>
    public static string Lower(string text)
    {
        var lower = text.ToLowerInvariant();
        if (!text.AsSpan().ContainsAny('\u03A3', '\u0130'))
        {
            return lower;
        }

        var builder = new StringBuilder(lower.Length + 4);
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\u0130':
                    builder.Append("i\u0307");
                    break;
                case '\u03A3' when IsFinalSigma(text, i):
                    builder.Append('\u03C2');
                    break;
                default:
                    builder.Append(lower[i]);
                    break;
            }
        }

        return builder.ToString();
    }

    private static bool IsFinalSigma(string text, int index)
    {
        int before = index - 1;
        while (before >= 0 && IsCaseIgnorable(text[before]))
        {
            before--;
        }

        if (before < 0 || !IsCased(text[before]))
        {
            return false;
        }

        int after = index + 1;
        while (after < text.Length && IsCaseIgnorable(text[after]))
        {
            after++;
        }

        return after == text.Length || !IsCased(text[after]);
    }

    private static bool IsCased(char c) => char.IsUpper(c) || char.IsLower(c)
        || char.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char c) => c is '\'' or '.' or ':' or '\u00B7' or '\u2019'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
