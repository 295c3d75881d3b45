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
        foreach (var person in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(person);
            foreach (var image in Directory.EnumerateFiles(person, "*", SearchOption.AllDirectories).Where(IsImage).Order(StringComparer.Ordinal))
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

    /// <summary>
    /// A stand-in set made from the shared memes, where no labelled set of face photos can be had: the templates that
    /// show one real person (named by the manifest), each with its captions and copies (crops, half size, low
    /// quality, PNG), copied into PERSON/ folders under <paramref name="folder"/>. Keanu Reeves is in two templates.
    /// Copies of one picture are easier than other photos of a person: recall here says little; precision across
    /// people says more.
    /// </summary>
    public static LabelledFaces FromMemes(string memes, string folder)
    {
        foreach (var entry in MemesManifest.ReadTemplates(memes).Where(e => MemePeople.ContainsKey(e.Template)))
        {
            var target = Path.Combine(folder, MemePeople[entry.Template], entry.File);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(memes, entry.File), target, overwrite: true);
        }
        return Read(folder);
    }

    // Templates of one person's face, by the manifest's template id, with the name the manifest gives them.
    private static readonly Dictionary<string, string> MemePeople = new(StringComparer.Ordinal)
    {
        ["keanu"] = "Keanu Reeves", ["mini-keanu"] = "Keanu Reeves", ["sad-biden"] = "Joe Biden", ["sad-obama"] = "Barack Obama",
        ["harold"] = "Hide the Pain Harold", ["blb"] = "Bad Luck Brian", ["oag"] = "Overly Attached Girlfriend", ["success"] = "Success Kid",
        ["disastergirl"] = "Disaster Girl", ["saltbae"] = "Salt Bae", ["khaby-lame"] = "Khaby Lame", ["ive"] = "Jony Ive",
        ["michael-scott"] = "Michael Scott", ["dwight"] = "Dwight Schrute", ["jim"] = "Jim Halpert", ["kramer"] = "Kramer",
        ["aag"] = "Ancient Aliens Guy", ["scc"] = "Sudden Clarity Clarence",
    };

    private static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    private static HashSet<string> PeopleOf(string path) =>
        [.. TrailingNumber().Replace(Path.GetFileNameWithoutExtension(path), "").Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"[ _-]+\d+$")]
    private static partial Regex TrailingNumber();
}
