namespace Shoebox.Catalog.Stores;

/// <summary>Settings the library keeps about itself (its default model, its tagger's version, libraries' stamps).</summary>
public sealed class SettingStore
{
    /// <summary>
    /// The model the library was last asked to index with (or first indexed with): a registry id or a model folder.
    /// Which model a library uses is the indexing's to say (it also weighs which vectors the library holds).
    /// </summary>
    public const string DefaultModel = "default_model";

    /// <summary>The model the user chose for the library (`shoebox models use`): used whatever vectors it holds.</summary>
    public const string ChosenModel = "chosen_model";

    /// <summary>
    /// The model the user switched to from the Settings page while the library was served: search goes on with the one
    /// in use until this model's vectors are made, then it becomes the <see cref="ChosenModel"/>. A restarted server goes on making them.
    /// </summary>
    public const string NextModel = "next_model";

    /// <summary>Whether indexing reads the text in photos: "off" turns it off (the Settings page); anything else, or none, is on.</summary>
    public const string ReadText = "read_text";

    /// <summary>Whether indexing tags photos automatically: "off" turns it off.</summary>
    public const string Tag = "tag";

    /// <summary>Whether photos' faces are to be found once Shoebox can: "on" asks for it; kept so the choice outlasts the wait.</summary>
    public const string Faces = "faces";

    /// <summary>Why the library's model could not be had, as last said in full: while it stays so, commands say it in a line.</summary>
    public const string ModelNotice = "model_notice";

    private readonly CatalogSession _session;

    internal SettingStore(CatalogSession session) => _session = session;

    public async Task<string?> GetAsync(string key) =>
        await _session.ScalarAsync("SELECT value FROM settings WHERE key = @key", c => c.Bind("@key", key)) as string;

    public Task RemoveAsync(string key) => _session.ExecuteAsync("DELETE FROM settings WHERE key = @key", c => c.Bind("@key", key));

    public Task SetAsync(string key, string value) => _session.ExecuteAsync(
        "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        c =>
        {
            c.Bind("@key", key);
            c.Bind("@value", value);
        });
}
