using Shoebox.Models.Places;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>Where the library's photos were taken, named from their coordinates: the Places page's countries and towns.</summary>
internal static class PlaceEndpoints
{
    public static void MapPlaceEndpoints(this IEndpointRouteBuilder api, SearchEngine engine)
    {
        api.MapGet("/places", async () =>
            {
                await using var catalog = await engine.Library.OpenExistingAsync();
                var counts = await catalog.Places.CountAsync();
                var countries = counts.GroupBy(c => (c.Country, c.CountryCode))
                    .Select(country => new PlaceCountry(
                        country.Key.Country,
                        country.Key.CountryCode,
                        country.Sum(c => c.Photos),
                        [.. country.Where(c => c.City is not null)
                            .Select(c => new PlaceTown(c.City!, c.Region, c.Photos))
                            .OrderByDescending(t => t.Photos).ThenBy(t => t.Name, StringComparer.Ordinal)]))
                    .OrderByDescending(c => c.Photos).ThenBy(c => c.Name, StringComparer.Ordinal)
                    .ToList();
                return new PlacesResponse(countries, PlaceData.Credit);
            })
            .WithName("Places")
            .WithSummary("The countries and towns the library's photos were taken in (named from their coordinates), with photo counts, most photos first.")
            .WithDescription("A photo out of every town's reach but near land counts for its country only. Search a place with place:NAME.")
            .Produces<PlacesResponse>();
    }
}

/// <param name="Credit">Whose data names the places, as its licence asks.</param>
internal sealed record PlacesResponse(IReadOnlyList<PlaceCountry> Countries, string Credit);

internal sealed record PlaceCountry(string Name, string Code, long Photos, IReadOnlyList<PlaceTown> Towns);

/// <param name="Region">The state or province, to tell towns of one name apart.</param>
internal sealed record PlaceTown(string Name, string? Region, long Photos);
