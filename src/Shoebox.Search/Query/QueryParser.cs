using Shoebox.Core;

namespace Shoebox.Search.Query;

/// <summary>
/// Reads the syntax described in <see cref="QuerySyntax.HelpText"/>. Never throws on what a user typed:
/// a malformed filter is left out and described in <see cref="SearchQuery.Problems"/>.
/// </summary>
public static class QueryParser
{
    private const string DateFormats = "use YYYY, YYYY-MM or YYYY-MM-DD";

    public static SearchQuery Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var builder = new Builder();
        foreach (var token in QueryTokenizer.Tokenize(input))
        {
            switch (token.Kind)
            {
                case TokenKind.Word or TokenKind.Phrase when token.Negated:
                    builder.Excluded.Add(token.Value);
                    break;
                case TokenKind.Word or TokenKind.Phrase:
                    builder.Terms.Add(new QueryTerm(token.Value, token.Kind == TokenKind.Phrase));
                    break;
                default:
                    ApplyFilter(builder, token);
                    break;
            }
        }

        return builder.Build();
    }

    private static void ApplyFilter(Builder builder, QueryToken token)
    {
        if (token.Value.Length == 0)
        {
            builder.Problems.Add($"{token.Source} has no value");
            return;
        }

        switch (token.Key)
        {
            case "after" or "before" or "on" or "year":
                ApplyDate(builder, token);
                break;
            case "camera":
                AddDistinct(token.Negated ? builder.ExcludedCameras : builder.Cameras, token.Value);
                break;
            case "in":
                AddDistinct(token.Negated ? builder.ExcludedFolders : builder.Folders, token.Value);
                break;
            case "place":
                AddDistinct(token.Negated ? builder.ExcludedPlaces : builder.Places, token.Value);
                break;
            case "person":
                AddDistinct(token.Negated ? builder.ExcludedPeople : builder.People, token.Value);
                break;
            case "tag" or "keyword":
                AddDistinct(token.Negated ? builder.ExcludedKeywords : builder.Keywords, token.Value);
                break;
            case "type":
                ApplyType(builder, token);
                break;
            case "is":
                ApplyFlag(builder, token);
                break;
            case "rating":
                if (int.TryParse(token.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stars) && stars is >= 1 and <= 5 && !token.Negated)
                    builder.MinRating = stars;
                else
                    builder.Problems.Add($"{token.Source} is not a rating (use rating:1 to rating:5, meaning that many stars or more)");
                break;
            case "label":
                AddDistinct(token.Negated ? builder.ExcludedLabels : builder.Labels, token.Value.ToLowerInvariant());
                break;
            case "has":
                if (string.Equals(token.Value, "text", StringComparison.OrdinalIgnoreCase))
                    builder.HasText = !token.Negated;
                else if (token.Value.ToLowerInvariant() is "location" or "gps")
                    builder.HasLocation = !token.Negated;
                else
                    builder.Problems.Add($"{token.Source} is not known (use has:text or has:location, or -has:...)");
                break;
            default:
                ApplySort(builder, token);
                break;
        }
    }

    private static void ApplyFlag(Builder builder, QueryToken token)
    {
        var flag = token.Value.ToLowerInvariant() switch
        {
            "favorite" or "favourite" or "fav" => PhotoMark.Favorite,
            "picked" or "pick" => PhotoMark.Picked,
            "rejected" or "reject" => PhotoMark.Rejected,
            _ => (PhotoMark?)null,
        };
        if (flag is null)
            builder.Problems.Add($"{token.Source} is not known (use is:favorite, is:picked or is:rejected, or -is:...)");
        else if (!builder.Flags.Contains(flag.Value) && !builder.ExcludedFlags.Contains(flag.Value))
            (token.Negated ? builder.ExcludedFlags : builder.Flags).Add(flag.Value);
    }

    private static void ApplyDate(Builder builder, QueryToken token)
    {
        if (token.Negated)
        {
            builder.Problems.Add($"{token.Source}: dates cannot be excluded (use after: and before:)");
            return;
        }

        var isYear = token.Key == "year";
        if (!DatePeriod.TryParse(token.Value, out var period) || (isYear && period.Precision != DatePrecision.Year))
        {
            builder.Problems.Add(isYear ? $"{token.Source} is not a year (use YYYY)" : $"{token.Source} is not a date ({DateFormats})");
            return;
        }

        // Several date filters narrow each other: the latest start and the earliest end win.
        if (token.Key != "before")
            builder.TakenFrom = Later(builder.TakenFrom, period.Start);
        if (token.Key == "before")
            builder.TakenBefore = Earlier(builder.TakenBefore, period.Start);
        else if (token.Key != "after" && period.End is { } end)
            builder.TakenBefore = Earlier(builder.TakenBefore, end);
    }

    private static void ApplyType(Builder builder, QueryToken token)
    {
        var match = Array.Find(QuerySyntax.TypeNames, t => string.Equals(t.Name, token.Value, StringComparison.OrdinalIgnoreCase));
        if (match.Name is null)
        {
            var names = string.Join(", ", QuerySyntax.TypeNames.Select(t => t.Format).Distinct().Select(QuerySyntax.TypeName));
            builder.Problems.Add($"{token.Source} is not a known type (use one of {names})");
            return;
        }

        var list = token.Negated ? builder.ExcludedFormats : builder.Formats;
        if (!list.Contains(match.Format))
            list.Add(match.Format);
    }

    private static void ApplySort(Builder builder, QueryToken token)
    {
        SortOrder? sort = token.Value.ToLowerInvariant() switch
        {
            "relevance" or "best" => SortOrder.Relevance,
            "newest" or "date" or "new" => SortOrder.Newest,
            "oldest" or "-date" or "old" => SortOrder.Oldest,
            _ => null,
        };
        if (token.Negated || sort is null)
            builder.Problems.Add($"{token.Source} is not known (use sort:newest, sort:oldest or sort:relevance)");
        else
            builder.Sort = sort.Value;
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase))
            list.Add(value);
    }

    private static DateTime Later(DateTime? current, DateTime candidate) => current is { } c && c > candidate ? c : candidate;

    private static DateTime Earlier(DateTime? current, DateTime candidate) => current is { } c && c < candidate ? c : candidate;

    /// <summary>Collects a query token by token; lists stay mutable until <see cref="Build"/>.</summary>
    private sealed class Builder
    {
        public List<QueryTerm> Terms { get; } = [];
        public List<string> Excluded { get; } = [];
        public DateTime? TakenFrom { get; set; }
        public DateTime? TakenBefore { get; set; }
        public List<string> Cameras { get; } = [];
        public List<string> ExcludedCameras { get; } = [];
        public List<string> Folders { get; } = [];
        public List<string> ExcludedFolders { get; } = [];
        public List<ImageFormat> Formats { get; } = [];
        public List<ImageFormat> ExcludedFormats { get; } = [];
        public List<string> Keywords { get; } = [];
        public List<string> ExcludedKeywords { get; } = [];
        public List<string> People { get; } = [];
        public List<string> ExcludedPeople { get; } = [];
        public List<string> Places { get; } = [];
        public List<string> ExcludedPlaces { get; } = [];
        public bool? HasText { get; set; }
        public bool? HasLocation { get; set; }
        public List<PhotoMark> Flags { get; } = [];
        public List<PhotoMark> ExcludedFlags { get; } = [];
        public int? MinRating { get; set; }
        public List<string> Labels { get; } = [];
        public List<string> ExcludedLabels { get; } = [];
        public SortOrder Sort { get; set; }
        public List<string> Problems { get; } = [];

        public SearchQuery Build()
        {
            if (TakenFrom is { } after && TakenBefore is { } before && after >= before)
                Problems.Add($"after:{DatePeriod.Format(after)} and before:{DatePeriod.Format(before)} leave no dates to match");
            return new SearchQuery
            {
                Terms = Terms.AsReadOnly(),
                Excluded = Excluded.AsReadOnly(),
                Filter = new PhotoFilter
                {
                    TakenFrom = TakenFrom,
                    TakenBefore = TakenBefore,
                    Cameras = Cameras.AsReadOnly(),
                    ExcludedCameras = ExcludedCameras.AsReadOnly(),
                    Folders = Folders.AsReadOnly(),
                    ExcludedFolders = ExcludedFolders.AsReadOnly(),
                    Formats = Formats.AsReadOnly(),
                    ExcludedFormats = ExcludedFormats.AsReadOnly(),
                    Keywords = Keywords.AsReadOnly(),
                    ExcludedKeywords = ExcludedKeywords.AsReadOnly(),
                    People = People.AsReadOnly(),
                    ExcludedPeople = ExcludedPeople.AsReadOnly(),
                    Places = Places.AsReadOnly(),
                    ExcludedPlaces = ExcludedPlaces.AsReadOnly(),
                    HasText = HasText,
                    HasLocation = HasLocation,
                    Flags = Flags.AsReadOnly(),
                    ExcludedFlags = ExcludedFlags.AsReadOnly(),
                    MinRating = MinRating,
                    Labels = Labels.AsReadOnly(),
                    ExcludedLabels = ExcludedLabels.AsReadOnly(),
                },
                Sort = Sort,
                Problems = Problems.AsReadOnly(),
            };
        }
    }
}
