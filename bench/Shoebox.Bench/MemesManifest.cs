using System.Text.Json;

namespace Shoebox.Bench;

/// <summary>
/// One image of the shared memes as manifest.json describes it: kind blank, captioned or duplicate; the lines
/// rendered on it; for a duplicate, the captioned meme it was made from.
/// </summary>
internal sealed record MemeEntry(string File, string Kind, IReadOnlyList<string> Lines, string? DuplicateOf)
{
    /// <summary>The captioned meme this image shows: itself, or the one it is a copy of.</summary>
    public string Original => DuplicateOf ?? File;
}

internal static class MemesManifest
{
    public static List<MemeEntry> Read(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => new MemeEntry(
            e.GetProperty("file").GetString()!,
            e.GetProperty("kind").GetString()!,
            [.. e.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!)],
            e.TryGetProperty("duplicate_of", out var of) && of.ValueKind == JsonValueKind.String ? of.GetString() : null))];
    }

    /// <summary>Each image's file and the template it was made from.</summary>
    public static List<(string File, string Template)> ReadTemplates(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("template").GetString()!))];
    }
}
