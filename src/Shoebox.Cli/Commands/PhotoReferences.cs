using System.Globalization;
using Shoebox.Catalog;

namespace Shoebox.Cli.Commands;

/// <summary>A photo named on the command line, found in the library.</summary>
internal sealed record FoundPhoto(string Reference, long Id);

/// <summary>Photos named on the command line by id or by file, as `tags` and `duplicates keep|apart` take them.</summary>
internal static class PhotoReferences
{
    // A reference is a photo id (digits) or a file; files are looked up as indexed (full path), so a copy elsewhere is unknown.
    public static async Task<(List<FoundPhoto> Found, List<string> Unknown)> ResolveAsync(PhotoCatalog catalog, IReadOnlyList<string> references)
    {
        var ids = references.Where(IsId).ToDictionary(r => r, r => long.Parse(r, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var paths = references.Where(r => !IsId(r)).ToDictionary(r => r, Path.GetFullPath, StringComparer.Ordinal);
        var known = await catalog.Photos.LoadAsync([.. ids.Values]);
        var byPath = await catalog.Locations.FindPhotosAtAsync([.. paths.Values]);
        var found = new List<FoundPhoto>();
        var unknown = new List<string>();
        foreach (var reference in references)
        {
            if (ids.TryGetValue(reference, out var id) ? known.ContainsKey(id) : byPath.TryGetValue(paths[reference], out id))
            {
                found.Add(new FoundPhoto(reference, id));
            }
            else
            {
                unknown.Add(reference);
            }
        }
        return (found, unknown);
    }

    private static bool IsId(string reference) =>
        reference.Length is > 0 and < 19 && reference.All(char.IsAsciiDigit) && !File.Exists(reference);
}
