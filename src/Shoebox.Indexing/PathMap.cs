using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>
/// Where catalogued files are on this machine: a worker on another machine sees the shared photos under another
/// mount point ("/srv/photos" catalogued, "/mnt/photos" here). Each rule rewrites a leading folder of a path; the
/// longest matching rule wins, and paths no rule matches are read as they are.
/// </summary>
public sealed class PathMap
{
    public static readonly PathMap None = new([]);

    private readonly List<(string From, string To)> _rules;

    public PathMap(IEnumerable<(string From, string To)> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules.Select(r => (TrimEnd(r.From), TrimEnd(r.To))).OrderByDescending(r => r.Item1.Length)];
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Reads rules written FROM=TO (split at the first '='), as given to `shoebox worker --map`.</summary>
    public static PathMap Parse(IEnumerable<string> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new PathMap(rules.Select(rule =>
        {
            var split = rule.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || split == rule.Length - 1)
            {
                throw new FormatException($"The path mapping \"{rule}\" is not FROM=TO (the folder as catalogued, '=', the same folder on this machine).");
            }
            return (rule[..split], rule[(split + 1)..]);
        }));
    }

    public string Apply(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (from, to) in _rules)
        {
            if (path.Length == from.Length && path == from)
            {
                return to;
            }
            if (path.StartsWith(from, StringComparison.Ordinal) && path.Length > from.Length && path[from.Length] is '/' or '\\')
            {
                // A library catalogued on Windows and read on Linux (or the other way) has the other separators below the folder.
                var rest = path[(from.Length + 1)..];
                var foreign = Path.DirectorySeparatorChar == '/' ? '\\' : '/';
                if (from.Contains(foreign, StringComparison.Ordinal) || path[from.Length] == foreign)
                {
                    rest = rest.Replace(foreign, Path.DirectorySeparatorChar);
                }
                return to + Path.DirectorySeparatorChar + rest;
            }
        }
        return path;
    }

    /// <summary>The photo with its path, and the archive or stand-in its bytes come from, as this machine sees them.</summary>
    internal PendingPhoto Apply(PendingPhoto photo)
    {
        if (IsEmpty)
        {
            return photo;
        }
        ContentRef? content = photo.Content switch
        {
            ArchiveEntry entry => entry with { Archive = Apply(entry.Archive) },
            StandIn standIn => standIn with { File = Apply(standIn.File) },
            _ => photo.Content,
        };
        return photo with { Path = Apply(photo.Path), Content = content };
    }

    // "/srv/photos/" and "/srv/photos" are the same folder; a bare root ("/") stays as it is.
    private static string TrimEnd(string folder) => folder.Length > 1 ? folder.TrimEnd('/', '\\') : folder;
}
