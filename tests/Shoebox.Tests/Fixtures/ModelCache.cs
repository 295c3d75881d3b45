namespace Shoebox.Tests.Fixtures;

/// <summary>Where the tests find model packages: the folder an environment variable names, else the cache tools/test.sh fills.</summary>
public static class ModelCache
{
    /// <summary><paramref name="variable"/>'s folder, else ~/.cache/shoebox-ci/<paramref name="name"/> (under $XDG_CACHE_HOME when set).</summary>
    public static string Folder(string variable, string name)
    {
        var named = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(named))
        {
            return named;
        }
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "shoebox-ci", name);
    }
}
