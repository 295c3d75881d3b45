using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shoebox.Models.Tags;

/// <summary>One concept: the tag users see and search, and the sentences the model is asked about.</summary>
public sealed record TagConcept(string Name, IReadOnlyList<string> Prompts);

/// <summary>
/// Concepts that compete with each other: a photo gets at most <see cref="MaxTags"/> of them, each holding at least
/// <see cref="MinShare"/> of the group's probability.
/// </summary>
public sealed record TagGroup(string Name, int MaxTags, double MinShare, IReadOnlyList<TagConcept> Concepts);

/// <summary>
/// The concepts automatic tagging knows (Tags/Data/vocabulary.txt: a few hundred everyday objects, animals, scenes,
/// events, colours and kinds of image), plus the plain-photo baseline every concept must beat.
/// </summary>
public sealed class TagVocabulary
{
    private TagVocabulary(IReadOnlyList<string> baseline, IReadOnlyList<TagGroup> groups, string version)
    {
        Baseline = baseline;
        Groups = groups;
        Version = version;
    }

    /// <summary>Sentences that say nothing in particular ("a photo."): what a concept is measured against.</summary>
    public IReadOnlyList<string> Baseline { get; }

    public IReadOnlyList<TagGroup> Groups { get; }

    /// <summary>Changes whenever the text does: photos tagged with another vocabulary are tagged again.</summary>
    public string Version { get; }

    public static TagVocabulary BuiltIn { get; } = Load();

    private static TagVocabulary Load()
    {
        using var stream = typeof(TagVocabulary).Assembly.GetManifestResourceStream("Shoebox.Models.Tags.vocabulary.txt")
            ?? throw new InvalidOperationException("The tag vocabulary is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the vocabulary format (see the built-in file's header); throws <see cref="FormatException"/> naming the line.</summary>
    public static TagVocabulary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var baseline = new List<string>();
        var groups = new List<TagGroup>();
        string? group = null;
        var (max, share, template) = (0, 0.0, "");
        var concepts = new List<TagConcept>();
        var lineNumber = 0;

        void Close()
        {
            if (group is not null and not "baseline")
            {
                groups.Add(new TagGroup(group, max, share, [.. concepts]));
            }
            concepts.Clear();
        }

        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('['))
            {
                Close();
                var end = line.IndexOf(']', StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"Tag vocabulary line {lineNumber}: a group header needs a closing ']'.");
                }
                group = line[1..end].Trim();
                (max, share, template) = ReadSettings(line[(end + 1)..], lineNumber, group);
                continue;
            }
            if (group is null)
            {
                throw new FormatException($"Tag vocabulary line {lineNumber}: a concept before any [group].");
            }
            if (group == "baseline")
            {
                baseline.AddRange(SplitPrompts(line));
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? line : line[..colon]).Trim();
            var prompts = colon < 0 ? [template.Replace("{}", name, StringComparison.Ordinal)] : SplitPrompts(line[(colon + 1)..]);
            if (name.Length == 0 || prompts.Count == 0)
            {
                throw new FormatException($"Tag vocabulary line {lineNumber}: '{line}' needs a name and at least one prompt.");
            }
            concepts.Add(new TagConcept(name, prompts));
        }
        Close();
        if (baseline.Count == 0 || groups.Count == 0)
        {
            throw new FormatException("The tag vocabulary needs a [baseline] and at least one group of concepts.");
        }
        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
        return new TagVocabulary(baseline, groups, version);
    }

    private static List<string> SplitPrompts(string text) =>
        [.. text.Split(';').Select(p => p.Trim()).Where(p => p.Length > 0)];

    private static (int Max, double Share, string Template) ReadSettings(string text, int lineNumber, string group)
    {
        var (max, share, template) = (1, 0.5, "a photo of {}.");
        // template= runs to the end of the line (templates have spaces); the numbers come before it.
        var templateAt = text.IndexOf("template=", StringComparison.Ordinal);
        if (templateAt >= 0)
        {
            template = text[(templateAt + "template=".Length)..].Trim();
            text = text[..templateAt];
        }
        foreach (var setting in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = setting.Split('=', 2);
            var ok = parts.Length == 2 && parts[0] switch
            {
                "max" => int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max) && max > 0,
                "share" => double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out share) && share is > 0 and <= 1,
                _ => false,
            };
            if (!ok)
            {
                throw new FormatException($"Tag vocabulary line {lineNumber}: '{setting}' in [{group}] is not max=N (N > 0) or share=S (0 < S <= 1).");
            }
        }
        if (!template.Contains("{}", StringComparison.Ordinal))
        {
            throw new FormatException($"Tag vocabulary line {lineNumber}: the template of [{group}] needs {{}} where the tag goes.");
        }
        return (max, share, template);
    }
}
