using Shoebox.Core;

namespace Shoebox.Search.Query;

/// <summary>
/// Writes a query in canonical form: text first, then filters in a fixed order with lower-case keys.
/// Every piece is checked against the tokenizer and quoted when it would not read back as written.
/// </summary>
internal static class QueryFormatter
{
    public static string Format(SearchQuery query)
    {
        var parts = new List<string>();
        parts.AddRange(query.Terms.Select(t => t.IsPhrase ? Quote(t.Value) : Word(t.Value)));
        parts.AddRange(query.Excluded.Select(ExcludedWord));

        var filter = query.Filter;
        if (filter.TakenFrom is { } after && filter.TakenBefore is { } before && DatePeriod.Spanning(after, before) is { } period)
        {
            parts.Add($"on:{period}");
        }
        else
        {
            if (filter.TakenFrom is { } from)
                parts.Add($"after:{DatePeriod.Format(from)}");
            if (filter.TakenBefore is { } until)
                parts.Add($"before:{DatePeriod.Format(until)}");
        }

        AddFilters(parts, "camera", filter.Cameras, filter.ExcludedCameras);
        AddFilters(parts, "in", filter.Folders, filter.ExcludedFolders);
        AddFilters(parts, "type", Names(filter.Formats), Names(filter.ExcludedFormats));
        AddFilters(parts, "tag", filter.Keywords, filter.ExcludedKeywords);
        AddFilters(parts, "person", filter.People, filter.ExcludedPeople);
        AddFilters(parts, "place", filter.Places, filter.ExcludedPlaces);
        if (filter.HasText is { } hasText)
            parts.Add(hasText ? "has:text" : "-has:text");
        if (filter.HasLocation is { } hasLocation)
            parts.Add(hasLocation ? "has:location" : "-has:location");
        AddFilters(parts, "is", [.. filter.Flags.Select(PhotoFilter.MarkName)], [.. filter.ExcludedFlags.Select(PhotoFilter.MarkName)]);
        if (filter.MinRating is { } stars)
            parts.Add($"rating:{stars}");
        AddFilters(parts, "label", filter.Labels, filter.ExcludedLabels);
        if (query.Sort != SortOrder.Relevance)
            parts.Add(query.Sort == SortOrder.Newest ? "sort:newest" : "sort:oldest");

        return string.Join(' ', parts);
    }

    private static void AddFilters(List<string> parts, string key, IEnumerable<string> included, IEnumerable<string> excluded)
    {
        parts.AddRange(included.Select(v => Filter(key, v, negated: false)));
        parts.AddRange(excluded.Select(v => Filter(key, v, negated: true)));
    }

    private static IEnumerable<string> Names(IEnumerable<ImageFormat> formats) => formats.Select(QuerySyntax.TypeName);

    private static string Word(string value) =>
        ReadsBackAs(value, TokenKind.Word, negated: false, key: null, value) ? value : Quote(value);

    private static string ExcludedWord(string value)
    {
        var bare = "-" + value;
        return ReadsBackAs(bare, TokenKind.Word, negated: true, key: null, value) ? bare : "-" + Quote(value);
    }

    private static string Filter(string key, string value, bool negated)
    {
        var prefix = (negated ? "-" : "") + key + ":";
        var bare = prefix + value;
        return ReadsBackAs(bare, TokenKind.Filter, negated, key, value) ? bare : prefix + Quote(value);
    }

    // Quotes cannot be escaped inside a phrase, so a stray one is dropped rather than ending it early.
    private static string Quote(string value) => "\"" + value.Replace("\"", "", StringComparison.Ordinal) + "\"";

    private static bool ReadsBackAs(string text, TokenKind kind, bool negated, string? key, string value) =>
        QueryTokenizer.Tokenize(text) is [var token]
        && token.Kind == kind && token.Negated == negated && token.Key == key && token.Value == value;
}
