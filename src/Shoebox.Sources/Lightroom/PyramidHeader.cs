using System.Globalization;
using System.Text.RegularExpressions;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// What the `header` section of a .lrprev says, read from its Lua-table text
/// (<c>pyramid = { croppedWidth = 6000, levels = { { height = 60, width = 90 }, ... }, uuid = "..." }</c>).
/// Only the fields Shoebox uses; anything else in the table is ignored.
/// </summary>
internal sealed partial record PyramidHeader(
    string? Uuid, string? Digest, int? CroppedWidth, int? CroppedHeight, IReadOnlyList<(int Width, int Height)> Levels)
{
    public static PyramidHeader Parse(string text)
    {
        var levels = new List<(int, int)>();
        var levelsAt = LevelsStart().Match(text);
        if (levelsAt.Success)
        {
            foreach (Match level in InnerTable().Matches(text, levelsAt.Index + levelsAt.Length))
            {
                var width = Number(level.Value, "width");
                var height = Number(level.Value, "height");
                if (width is null || height is null)
                {
                    break; // past the levels table
                }
                levels.Add((width.Value, height.Value));
            }
        }
        return new PyramidHeader(Text(text, "uuid"), Text(text, "digest"), Number(text, "croppedWidth"), Number(text, "croppedHeight"), levels);
    }

    private static string? Text(string table, string key)
    {
        var match = Regex.Match(table, $@"\b{key}\s*=\s*""([^""]*)""", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static int? Number(string table, string key)
    {
        var match = Regex.Match(table, $@"\b{key}\s*=\s*(\d+)", RegexOptions.CultureInvariant);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"\blevels\s*=\s*\{")]
    private static partial Regex LevelsStart();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex InnerTable();
}
