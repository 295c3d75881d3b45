using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// The catalog's keyword tree and which images carry which keywords. A keyword's path follows its parent chain up
/// to the hidden root keyword (named in Adobe_variablesTable, and nameless), which is left out.
/// </summary>
internal sealed class LightroomKeywords
{
    private const string RootVariable = "AgLibraryKeyword_rootTagID";
    private const int MaxDepth = 64; // a damaged parent chain that loops ends here

    private readonly Dictionary<long, Keyword> _keywords = [];
    private readonly Dictionary<long, List<long>> _byImage = [];
    private readonly Dictionary<long, string?> _paths = [];
    private long? _root;

    private sealed record Keyword(string? Name, long? Parent, bool IsPerson);

    public static LightroomKeywords Read(SqliteConnection connection, HashSet<string> tables)
    {
        var keywords = new LightroomKeywords();
        if (!tables.Contains("AgLibraryKeyword") || !tables.Contains("AgLibraryKeywordImage"))
        {
            return keywords;
        }
        var columns = SqliteSchema.Columns(connection, "AgLibraryKeyword");
        var parent = columns.Contains("parent") ? "parent" : "NULL";
        var type = columns.Contains("keywordType") ? "keywordType" : "NULL";
        SqliteSchema.ForEach(connection, $"SELECT id_local, name, {parent}, {type} FROM AgLibraryKeyword", row =>
            keywords._keywords[row.GetInt64(0)] = new Keyword(
                SqliteSchema.Text(row, 1)?.Trim(), SqliteSchema.Long(row, 2),
                string.Equals(SqliteSchema.Text(row, 3), "person", StringComparison.OrdinalIgnoreCase)));
        SqliteSchema.ForEach(connection, "SELECT image, tag FROM AgLibraryKeywordImage WHERE image IS NOT NULL AND tag IS NOT NULL", row =>
        {
            var image = row.GetInt64(0);
            if (!keywords._byImage.TryGetValue(image, out var tags))
            {
                keywords._byImage[image] = tags = [];
            }
            tags.Add(row.GetInt64(1));
        });
        if (tables.Contains("Adobe_variablesTable"))
        {
            SqliteSchema.ForEach(connection, $"SELECT value FROM Adobe_variablesTable WHERE name = '{RootVariable}'", row =>
                keywords._root = SqliteSchema.Long(row, 0));
        }
        return keywords;
    }

    /// <summary>The keyword paths and the person names on one image, each sorted and without repeats.</summary>
    public (IReadOnlyList<string> Paths, IReadOnlyList<string> People) Of(long image)
    {
        if (!_byImage.TryGetValue(image, out var tags))
        {
            return ([], []);
        }
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var people = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (!_keywords.TryGetValue(tag, out var keyword) || tag == _root || string.IsNullOrEmpty(keyword.Name))
            {
                continue;
            }
            if (keyword.IsPerson)
            {
                people.Add(keyword.Name);
            }
            else if (PathOf(tag) is { } path)
            {
                paths.Add(path);
            }
        }
        return ([.. paths], [.. people]);
    }

    private string? PathOf(long id)
    {
        if (_paths.TryGetValue(id, out var known))
        {
            return known;
        }
        var names = new List<string>();
        long? current = id;
        for (var depth = 0; current is { } at && at != _root && depth < MaxDepth; depth++)
        {
            if (!_keywords.TryGetValue(at, out var keyword))
            {
                break;
            }
            // The root has no name; so does any keyword a damaged catalog left nameless.
            if (!string.IsNullOrEmpty(keyword.Name))
            {
                names.Add(keyword.Name);
            }
            current = keyword.Parent;
        }
        names.Reverse();
        var path = names.Count == 0 ? null : string.Join('|', names);
        _paths[id] = path;
        return path;
    }
}
