namespace Shoebox.Cli;

/// <summary>The library folder: --library, else SHOEBOX_LIBRARY, else the platform's per-user data folder.</summary>
public static class LibraryLocation
{
    public const string EnvironmentVariable = "SHOEBOX_LIBRARY";

    public static string Resolve(string? option)
    {
        var chosen = option ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(chosen) ? Default() : chosen);
    }

    // LocalApplicationData is XDG_DATA_HOME (or ~/.local/share) on Linux, ~/Library/Application Support on macOS
    // and %LOCALAPPDATA% on Windows.
    private static string Default() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        OperatingSystem.IsLinux() ? "shoebox" : "Shoebox");
}
