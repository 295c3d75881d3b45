using System.Text.Json;

namespace Shoebox.Catalog.Stores;

/// <summary>Index runs: when they ran, what they were pointed at, what they found. What is scanned again comes from <see cref="SourceStore"/>.</summary>
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
}
