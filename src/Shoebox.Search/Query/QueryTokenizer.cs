namespace Shoebox.Search.Query;

internal enum TokenKind
{
    Word,
    Phrase,
    Filter,
}

/// <param name="Key">The filter key in lower case; null for words and phrases.</param>
/// <param name="Source">The token exactly as typed, for problem messages.</param>
internal readonly record struct QueryToken(TokenKind Kind, bool Negated, string? Key, string Value, string Source);

/// <summary>
/// Splits the input on white space. A double quote always opens or closes a phrase, also in the middle
/// of a word, so words never contain one. <c>key:</c> counts as a filter only for keys in
/// <see cref="QuerySyntax.Keys"/>; anything else with a colon (10:30, https://…) stays a word.
/// </summary>
internal static class QueryTokenizer
{
    public static List<QueryToken> Tokenize(string input)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < input.Length)
        {
            if (char.IsWhiteSpace(input[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var negated = StartsNegation(input, i);
            if (negated)
                i++;

            QueryToken? token;
            if (input[i] == '"')
            {
                var phrase = ReadQuoted(input, ref i);
                token = phrase.Length == 0 ? null : new QueryToken(TokenKind.Phrase, negated, null, phrase, input[start..i].TrimEnd());
            }
            else
            {
                token = ReadWordOrFilter(input, ref i, negated, start);
            }

            if (token is { } t)
                tokens.Add(t);
        }

        return tokens;
    }

    // A minus sign negates only when a word, phrase or filter follows it at once, so "-", "--x",
    // "-5" and ":-)" stay plain text.
    private static bool StartsNegation(string input, int i)
    {
        if (input[i] != '-' || i + 1 >= input.Length)
            return false;
        var next = input[i + 1];
        return next == '"' || char.IsLetter(next) || char.IsSurrogate(next);
    }

    private static QueryToken ReadWordOrFilter(string input, ref int i, bool negated, int start)
    {
        var wordStart = i;
        while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] != '"')
            i++;
        var word = input[wordStart..i];

        var colon = word.IndexOf(':');
        var key = colon > 0 ? QuerySyntax.Keys.FirstOrDefault(k => string.Equals(k, word[..colon], StringComparison.OrdinalIgnoreCase)) : null;
        if (key is null)
        {
            // The minus was not a negation of a filter, so it excluded a plain word.
            return new QueryToken(TokenKind.Word, negated, null, word, input[start..i].TrimEnd());
        }

        var value = word[(colon + 1)..];
        if (value.Length == 0 && i < input.Length && input[i] == '"')
            value = ReadQuoted(input, ref i);
        return new QueryToken(TokenKind.Filter, negated, key, value, input[start..i].TrimEnd());
    }

    /// <summary>Reads from an opening quote to the closing one, or to the end when it is missing.</summary>
    private static string ReadQuoted(string input, ref int i)
    {
        var close = input.IndexOf('"', i + 1);
        var end = close < 0 ? input.Length : close;
        var content = input[(i + 1)..end];
        i = close < 0 ? input.Length : close + 1;
        return CollapseWhiteSpace(content);
    }

    private static string CollapseWhiteSpace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
