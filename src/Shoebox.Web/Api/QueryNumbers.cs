using System.Globalization;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Api;

/// <summary>
/// offset and limit, read from the query by hand: bound as int by ASP.NET, "abc" or 99999999999 was a 400 with an
/// empty body. A number out of range is clamped, as before; what is not a whole number is refused with a message.
/// </summary>
internal static class QueryNumbers
{
    public const int DefaultLimit = 50;

    public static int Offset(string? text) => Math.Max(0, Parse(text, "offset", 0, "a whole number, 0 or more"));

    public static int Limit(string? text, int fallback = DefaultLimit, int max = SearchRequest.MaxLimit) =>
        Math.Clamp(Parse(text, "limit", fallback, $"a whole number from 1 to {max}"), 1, max);

    private static int Parse(string? text, string name, int fallback, string expected)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiException(StatusCodes.Status400BadRequest, $"{name} must be {expected} (not \"{Shorten(text)}\").");
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
