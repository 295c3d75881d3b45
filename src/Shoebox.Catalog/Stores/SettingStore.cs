namespace Shoebox.Catalog.Stores;

/// <summary>Settings the library keeps about itself (its default model, its tagger's version, libraries' stamps).</summary>
public sealed class SettingStore
{
    /// <summary>How later commands find the library's model again: a registry id or a model folder.</summary>
    public const string DefaultModel = "default_model";

    private readonly CatalogSession _session;

    internal SettingStore(CatalogSession session) => _session = session;

    public async Task<string?> GetAsync(string key) =>
        await _session.ScalarAsync("SELECT value FROM settings WHERE key = @key", c => c.Bind("@key", key)) as string;

    public Task SetAsync(string key, string value) => _session.ExecuteAsync(
        "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        c =>
        {
            c.Bind("@key", key);
            c.Bind("@value", value);
        });
}
