using System.Text;

namespace Shoebox.Core;

/// <summary>
/// Names compared the way people type them: case, accents and punctuation ignored ("São Paulo", "sao-paulo" and
/// "SAO PAULO" all fold to "sao paulo"). Place names are stored folded and a query is folded the same way.
/// </summary>
public static class NameFold
{
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = UnicodeNfc.WithoutMarks(name);
        var builder = new StringBuilder(plain.Length);
        var space = false;
        foreach (var rune in plain.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(Letters(Rune.ToLowerInvariant(rune)));
        }
        return builder.ToString();
    }

    // Letters that carry their difference in the letter itself rather than in a mark, so decomposing keeps them.
    private static string Letters(Rune rune) => rune.Value switch
    {
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'ł' => "l",
        'đ' or 'ð' => "d",
        'ı' => "i",
        'þ' => "th",
        _ => rune.ToString(),
    };
}
