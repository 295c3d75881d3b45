using System.Net;
using System.Text;
using Shoebox.Core;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// The text clean-up CLIP was trained behind: the reference runs ftfy, unescapes HTML twice, collapses whitespace
/// and lowercases. Of ftfy we keep the fixes that change what people actually type or paste (phone keyboards insert
/// curly quotes, PDFs carry ligatures, CJK input methods produce fullwidth Latin); mojibake repair is left out.
/// </summary>
internal static class ClipTextCleaner
{
    public static string Clean(string text)
    {
        var fixedText = UnicodeNfc.Normalize(FixCharacters(text));
        var unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(fixedText));
        return PythonText.Lower(PythonText.CollapseWhitespace(unescaped));
    }

    private static string FixCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\u02BC' or (>= '\u2018' and <= '\u201B'):
                    builder.Append('\'');
                    break;
                case >= '\u201C' and <= '\u201F':
                    builder.Append('"');
                    break;
                case '\u3000':
                    builder.Append(' ');
                    break;
                case >= '\uFF01' and <= '\uFF5E':
                    // Fullwidth ASCII sits at a fixed offset from the real thing.
                    builder.Append((char)(c - 0xFEE0));
                    break;
                default:
                    if (IsRemovedControl(c))
                    {
                        break;
                    }

                    if (Ligature(c) is { } letters)
                    {
                        builder.Append(letters);
                        break;
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    // Tab, newlines and form feed survive as whitespace; the rest of C0, DEL, the deprecated format characters and
    // the byte-order mark are noise that would otherwise become tokens of their own.
    private static bool IsRemovedControl(char c) =>
        c is (<= '\u0008') or '\u000B' or (>= '\u000E' and <= '\u001F') or '\u007F'
            or (>= '\u206A' and <= '\u206F') or '\uFEFF' or (>= '\uFFF9' and <= '\uFFFC');

    private static string? Ligature(char c) => c switch
    {
        '\u0132' => "IJ",
        '\u0133' => "ij",
        '\u0149' => "\u02BCn",
        '\u01C4' => "D\u017D",
        '\u01C5' => "D\u017E",
        '\u01C6' => "d\u017E",
        '\u01C7' => "LJ",
        '\u01C8' => "Lj",
        '\u01C9' => "lj",
        '\u01CA' => "NJ",
        '\u01CB' => "Nj",
        '\u01CC' => "nj",
        '\u01F1' => "DZ",
        '\u01F2' => "Dz",
        '\u01F3' => "dz",
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' => "\u017Ft",
        '\uFB06' => "st",
        _ => null,
    };
}
