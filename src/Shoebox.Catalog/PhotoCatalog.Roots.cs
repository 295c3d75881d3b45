using System.Text.Json;

namespace Shoebox.Catalog;

public sealed partial class PhotoCatalog
{
    /// <summary>Every folder an index run was ever pointed at, once each: what `serve` watches and rescans.</summary>
    public IReadOnlyList<string> ListRoots() => [.. ListRunTargets().Where(Path.IsPathRooted)];

    /// <summary>Every photo library imported, by its id ("lightroom:/photos/Main.lrcat"): what `serve` reads again.</summary>
    public IReadOnlyList<string> ListLibraries() => [.. ListRunTargets().Where(target => !Path.IsPathRooted(target))];

    // A run's targets are folder paths and library ids, which never start like a path.
    private IReadOnlyList<string> ListRunTargets() => Guard(() =>
    {
        var roots = new SortedSet<string>(StringComparer.Ordinal);
        using var command = Command("SELECT DISTINCT roots FROM runs");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            foreach (var root in JsonSerializer.Deserialize<string[]>(reader.GetString(0)) ?? [])
            {
                roots.Add(root);
            }
        }
        return (IReadOnlyList<string>)[.. roots];
    });
}
