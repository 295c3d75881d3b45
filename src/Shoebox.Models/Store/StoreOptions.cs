namespace Shoebox.Models.Store;

/// <summary>Where models live and whether they may be fetched.</summary>
public sealed record StoreOptions
{
    public const string FolderVariable = "SHOEBOX_MODELS";
    public const string OfflineVariable = "SHOEBOX_OFFLINE";

    /// <summary>Models are shared by every library of the user: SHOEBOX_MODELS, else the per-user cache folder.</summary>
    public string Folder { get; init; } = DefaultFolder();

    /// <summary>Hub base URL: HF_ENDPOINT (as the Hugging Face tools read it), else huggingface.co.</summary>
    public Uri Endpoint { get; init; } = WithTrailingSlash(Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } endpoint ? endpoint : "https://huggingface.co");

    // Repository paths are resolved relative to the endpoint, which keeps a path prefix only with a final slash.
    public static Uri WithTrailingSlash(string endpoint) => new(endpoint.EndsWith('/') ? endpoint : endpoint + "/");

    /// <summary>No downloads: --offline, SHOEBOX_OFFLINE=1 or the hub tools' HF_HUB_OFFLINE=1.</summary>
    public bool Offline { get; init; } = IsSet(OfflineVariable) || IsSet("HF_HUB_OFFLINE");

    /// <summary>How long to wait for the hub to answer at all; an unreachable hub is reported quickly.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a download may receive nothing before it is given up (and can be resumed).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    private static bool IsSet(string variable) =>
        Environment.GetEnvironmentVariable(variable) is "1" or "true" or "TRUE" or "yes";

    private static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder)
        {
            return Path.GetFullPath(folder);
        }
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : OperatingSystem.IsLinux()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(cache, OperatingSystem.IsLinux() ? "shoebox" : "Shoebox", "models");
    }
}
