using System.Text.Json;

namespace Shoebox.Catalog.Stores;

/// <summary>Index runs: when they ran, what they were pointed at, what they found. What `serve` rescans comes from here.</summary>
public sealed class RunStore
{
    private readonly CatalogSession _session;

    internal RunStore(CatalogSession session) => _session = session;

    /// <param name="targets">The folders walked and the ids of the photo libraries read.</param>
    public async Task<long> BeginAsync(IReadOnlyList<string> targets, DateTimeOffset now) => Convert.ToInt64(await _session.ScalarAsync(
        "INSERT INTO runs (started_at, roots) VALUES (@at, @roots) RETURNING id",
        c =>
        {
            c.Bind("@at", now.ToUnixTimeMilliseconds());
            c.Bind("@roots", JsonSerializer.Serialize(targets));
        }));

    public Task FinishAsync(long runId, string summaryJson, DateTimeOffset now) => _session.ExecuteAsync(
        "UPDATE runs SET finished_at = @at, summary = @summary WHERE id = @id",
        c =>
        {
            c.Bind("@at", now.ToUnixTimeMilliseconds());
            c.Bind("@summary", summaryJson);
            c.Bind("@id", runId);
        });

    /// <summary>Every folder an index run was ever pointed at, once each: what `serve` watches and rescans.</summary>
    public async Task<IReadOnlyList<string>> ListRootsAsync() => [.. (await ListTargetsAsync()).Where(Path.IsPathRooted)];

    /// <summary>Every photo library imported, by its id ("lightroom:/photos/Main.lrcat"): what `serve` reads again.</summary>
    public async Task<IReadOnlyList<string>> ListLibrariesAsync() => [.. (await ListTargetsAsync()).Where(target => !Path.IsPathRooted(target))];

    // A run's targets are folder paths and library ids, which never start like a path.
    private async Task<SortedSet<string>> ListTargetsAsync()
    {
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var roots in await _session.ListAsync("SELECT DISTINCT roots FROM runs", null, r => r.GetString(0)))
        {
            targets.UnionWith(JsonSerializer.Deserialize<string[]>(roots) ?? []);
        }
        return targets;
    }
}
