using Shoebox.Catalog;
using Shoebox.Search.Query;

namespace Shoebox.Search.Engine;

/// <summary>The filter part of a parsed query, in the catalog's terms.</summary>
internal static class QueryFilters
{
    public static PhotoFilter From(SearchQuery query) => new()
    {
        TakenFrom = query.After,
        TakenBefore = query.Before,
        Cameras = query.Cameras,
        ExcludedCameras = query.ExcludedCameras,
        Folders = query.Folders,
        ExcludedFolders = query.ExcludedFolders,
        Formats = query.Types,
        ExcludedFormats = query.ExcludedTypes,
        Keywords = query.Keywords,
        ExcludedKeywords = query.ExcludedKeywords,
        Places = query.Places,
        ExcludedPlaces = query.ExcludedPlaces,
        HasText = query.HasText,
        HasLocation = query.HasLocation,
        Flags = query.Flags,
        ExcludedFlags = query.ExcludedFlags,
        MinRating = query.MinRating,
    };

    public static IReadOnlyList<TextTerm> Terms(SearchQuery query) => [.. query.Terms.Select(t => new TextTerm(t.Value, t.IsPhrase))];

    // An excluded entry is a phrase when it holds a space: -"stop sign" must not exclude every "stop".
    public static IReadOnlyList<TextTerm> ExcludedTerms(SearchQuery query) =>
        [.. query.Excluded.Select(e => new TextTerm(e, e.Contains(' ', StringComparison.Ordinal)))];
}
