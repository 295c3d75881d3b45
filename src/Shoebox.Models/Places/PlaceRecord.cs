namespace Shoebox.Models.Places;

/// <summary>
/// One populated place as the table is built from: its name (English where GeoNames has one), the other names it
/// goes by, where it is, how many live there, and the regions and country it is in (names, not codes).
/// </summary>
public sealed record PlaceRecord(
    string Name,
    double Latitude,
    double Longitude,
    long Population,
    string CountryCode,
    string? Region = null,
    string? Subregion = null,
    IReadOnlyList<string>? OtherNames = null,
    bool IsSection = false);
