using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shoebox.Search.Engine;

namespace Shoebox.Cli.Views;

/// <summary>A page of search results: a line per photo for people, one JSON object for scripts.</summary>
internal static class ResultsView
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>{"results": [...], "offset", "hasMore", "query", "scoreKind", "problems", "notes"}; results best first.</summary>
    public static string ToJson(SearchPage page) => JsonSerializer.Serialize(page, Json);

    public static void Write(CliConsole console, SearchPage page, string? nextCommandHint)
    {
        foreach (var message in page.Problems.Concat(page.Notes))
        {
            console.Error.WriteLine($"note: {message}");
        }
        if (page.Results.Count == 0)
        {
            console.Error.WriteLine(page.Offset == 0 ? "No photos match." : "No more photos match.");
            return;
        }
        var rank = page.Offset;
        foreach (var result in page.Results)
        {
            rank++;
            var score = page.ScoreKind == "none" ? "" : result.Score.ToString(page.ScoreKind == "fused" ? "0.0000" : "0.000", CultureInfo.InvariantCulture);
            var taken = result.TakenAt is { Length: >= 10 } t ? t[..10] : "";
            var others = result.Paths.Count switch
            {
                <= 1 => "",
                2 => "  (+1 copy)",
                var n => $"  (+{n - 1} copies)",
            };
            // The path last and whole, so `cut -f4` or a terminal click gets it.
            console.Out.WriteLine($"{rank,4}\t{score,6}\t{taken,-10}\t{SummaryView.Printable(result.Path)}{others}");
        }
        if (page.HasMore && nextCommandHint is not null)
        {
            console.Error.WriteLine($"More: add --offset {page.Offset + page.Results.Count}{nextCommandHint}");
        }
    }
}
