using System.Text.RegularExpressions;

namespace Shoebox.Bench;

/// <summary>
/// A labelled set of face photos laid out as PERSON/IMAGE: every image in a person's folder is theirs (its largest
/// face is the one labelled). Group shots go in a folder named <see cref="GroupFolder"/>, each named by the people in
/// it joined with '+' ("Ada+Grace.jpg", "Ada+Grace+Alan 2.jpg": a number after a space, '_' or '-' is left out).
/// </summary>
internal sealed partial record LabelledFaces(string Root, IReadOnlyList<(string Path, string Person)> Portraits, IReadOnlyList<(string Path, IReadOnlySet<string> People)> Groups)
{
    public const string GroupFolder = "groups";

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".gif"];

    public int People => Portraits.Select(p => p.Person).Distinct(StringComparer.Ordinal).Count();

    public static LabelledFaces Read(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root} does not exist: give a folder laid out as PERSON/IMAGE (and {GroupFolder}/A+B.jpg for group shots)");
        }
        var portraits = new List<(string, string)>();
        var groups = new List<(string, IReadOnlySet<string>)>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            foreach (var image in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(IsImage).Order(StringComparer.Ordinal))
            {
                if (name.Equals(GroupFolder, StringComparison.OrdinalIgnoreCase))
                {
                    groups.Add((image, PeopleOf(image)));
                }
                else
                {
                    portraits.Add((image, name));
                }
            }
        }
        if (portraits.Count == 0)
        {
            throw new InvalidDataException($"{root} has no PERSON/IMAGE files: put each person's photos in a folder named after them");
        }
        return new LabelledFaces(root, portraits, groups);
    }

    private static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    private static HashSet<string> PeopleOf(string path) =>
        [.. TrailingNumber().Replace(Path.GetFileNameWithoutExtension(path), "").Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"[ _-]+\d+$")]
    private static partial Regex TrailingNumber();
}
