using Shoebox.Catalog;

namespace Shoebox.Search.Engine;

/// <summary>Catalog rows as search results.</summary>
internal static class Results
{
    public static SearchResult Of(CatalogPhoto photo, double score, IReadOnlyList<string> matchedBy) => new()
    {
        Id = photo.Id,
        Hash = photo.Hash,
        Path = photo.Paths.Count > 0 ? photo.Paths[0] : "",
        Paths = photo.Paths,
        Score = score,
        MatchedBy = matchedBy,
        Format = photo.Format,
        Width = photo.Width,
        Height = photo.Height,
        TakenAt = photo.TakenAt,
        TakenOffset = photo.TakenOffset,
        CameraMake = photo.CameraMake,
        CameraModel = photo.CameraModel,
        Latitude = photo.Latitude,
        Longitude = photo.Longitude,
    };
}
