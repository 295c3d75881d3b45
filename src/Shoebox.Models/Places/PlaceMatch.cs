namespace Shoebox.Models.Places;

/// <summary>
/// Where a photo was taken, in names: the town or city (null when the point is out of every place's reach), the
/// second-level region (a municipality, a county), the first-level region (a state, a province) and the country.
/// <see cref="SearchNames"/> holds every name of all of them, folded (<see cref="Core.NameFold"/>), for searching.
/// </summary>
public sealed record PlaceMatch(string? City, string? Subregion, string? Region, Country Country, IReadOnlyList<string> SearchNames)
{
    /// <summary>What a person reads: "Lisbon, Portugal"; "Alentejo, Portugal" when no town is near.</summary>
    public string Display => (City ?? Region ?? Subregion) is { } name ? $"{name}, {Country.Name}" : Country.Name;
}
