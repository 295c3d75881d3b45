namespace Shoebox.Models.Tokenizers;

/// <summary>
/// GPT-2's reversible byte-to-character table, which CLIP's BPE vocabulary is written in: printable Latin-1 bytes
/// stand for themselves, every other byte borrows a character from U+0100 upwards so that no symbol is whitespace
/// or a control character.
/// </summary>
internal static class ByteToUnicode
{
    public static readonly char[] Chars = BuildChars();

    /// <summary>The byte values in the order the vocabulary lists their symbols: printable ones first.</summary>
    public static readonly int[] VocabularyOrder = BuildOrder();

    private static bool StandsForItself(int b) => b is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);

    private static char[] BuildChars()
    {
        var chars = new char[256];
        int borrowed = 256;
        for (int b = 0; b < 256; b++)
        {
            chars[b] = StandsForItself(b) ? (char)b : (char)borrowed++;
        }

        return chars;
    }

    private static int[] BuildOrder() =>
        [.. Enumerable.Range(0, 256).Where(StandsForItself), .. Enumerable.Range(0, 256).Where(b => !StandsForItself(b))];
}
