namespace Shoebox.Models.Tokenizers;

internal static class TokenRow
{
    /// <summary>
    /// Lays out [start?] tokens... end, then padding. Tokens that do not fit are dropped from the tail, never the
    /// end token: the text towers pool at (or after) the end token, so losing it would change what gets pooled.
    /// </summary>
    public static long[] Build(ReadOnlySpan<int> tokens, int? startId, int endId, int contextLength, int padId)
    {
        int specials = startId is null ? 1 : 2;
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, specials);

        var row = new long[contextLength];
        int at = 0;
        if (startId is int start)
        {
            row[at++] = start;
        }

        int kept = Math.Min(tokens.Length, contextLength - specials);
        for (int i = 0; i < kept; i++)
        {
            row[at++] = tokens[i];
        }

        row[at++] = endId;
        row.AsSpan(at).Fill(padId);
        return row;
    }
}
