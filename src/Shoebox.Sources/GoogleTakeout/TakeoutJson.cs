using System.Globalization;
using System.Text.Json;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>
/// What one Takeout JSON says: a photo's sidecar, or an album's metadata.json (named in the account's language:
/// métadonnées.json, Metadaten.json...), told apart by content since the name is localised.
/// </summary>
internal sealed record TakeoutJson
{
    /// <summary>Larger JSON files are no sidecars; they are not read into memory.</summary>
    public const long MaxLength = 4 << 20;

    public bool IsAlbum { get; init; }

    /// <summary>The uploaded file name for a photo, the album's name for an album.</summary>
    public string? Title { get; init; }

    public string? Description { get; init; }

    public DateTime? TakenAt { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }

    public IReadOnlyList<string> People { get; init; } = [];

    public bool Favorite { get; init; }

    public bool Trashed { get; init; }

    /// <summary>Reads a Takeout JSON; throws <see cref="JsonException"/> when it is not JSON or not an object.</summary>
    public static TakeoutJson Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"the top level is {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }
        if (root.TryGetProperty("albumData", out var albumData) && albumData.ValueKind == JsonValueKind.Object)
        {
            return new TakeoutJson { IsAlbum = true, Title = Text(albumData, "title") };
        }
        var isPhoto = root.TryGetProperty("photoTakenTime", out _) || root.TryGetProperty("creationTime", out _)
            || root.TryGetProperty("geoData", out _) || root.TryGetProperty("imageViews", out _);
        if (!isPhoto)
        {
            return new TakeoutJson { IsAlbum = true, Title = Text(root, "title") };
        }
        var (latitude, longitude, altitude) = Place(root, "geoDataExif") ?? Place(root, "geoData") ?? (null, null, null);
        return new TakeoutJson
        {
            Title = Text(root, "title"),
            Description = Text(root, "description"),
            TakenAt = UnixTime(root, "photoTakenTime"),
            Latitude = latitude,
            Longitude = longitude,
            Altitude = altitude,
            People = Names(root),
            Favorite = Flag(root, "favorited"),
            Trashed = Flag(root, "trashed"),
        };
    }

    private static string? Text(JsonElement element, string name)
    {
        var text = element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    // {"timestamp": "1696573800", "formatted": "..."}: Unix seconds, as a string (a number is taken too). 0 means unknown.
    private static DateTime? UnixTime(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var time) || time.ValueKind != JsonValueKind.Object
            || !time.TryGetProperty("timestamp", out var stamp))
        {
            return null;
        }
        long seconds = 0;
        var parsed = stamp.ValueKind == JsonValueKind.String
            ? long.TryParse(stamp.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds)
            : stamp.ValueKind == JsonValueKind.Number && stamp.TryGetInt64(out seconds);
        if (!parsed || seconds == 0 || seconds < -62135596800 || seconds > 253402300799)
        {
            return null;
        }
        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
    }

    // 0/0 is how Takeout says "no place".
    private static (double?, double?, double?)? Place(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var place) || place.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var latitude = Number(place, "latitude");
        var longitude = Number(place, "longitude");
        if (latitude is not { } lat || longitude is not { } lon || (lat == 0 && lon == 0)
            || Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
        {
            return null;
        }
        return (lat, lon, Number(place, "altitude"));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && double.IsFinite(number) ? number : null;

    private static string[] Names(JsonElement root)
    {
        if (!root.TryGetProperty("people", out var people) || people.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return [.. people.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object)
            .Select(p => Text(p, "name"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
    }
}
