using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Search.Engine;

/// <summary>Catalog rows as search results.</summary>
internal static class Results
{
    public static SearchResult Of(CatalogPhoto photo, double score, IReadOnlyList<string> matchedBy, string? place = null) => new()
    {
        Id = photo.Id,
        Hash = photo.Hash.Hex,
        Path = photo.Paths.Count > 0 ? photo.Paths[0] : "",
        Paths = photo.Paths,
        Score = score,
        MatchedBy = matchedBy,
        Format = photo.Format.Name(),
        Width = photo.Width,
        Height = photo.Height,
        TakenAt = PhotoTimes.Text(photo.TakenAt),
        TakenOffset = PhotoTimes.OffsetText(photo.TakenOffset),
        CameraMake = photo.CameraMake,
        CameraModel = photo.CameraModel,
        Latitude = photo.Latitude,
        Longitude = photo.Longitude,
        Place = place,
    };
}
