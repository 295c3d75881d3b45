using System.CommandLine;

namespace Shoebox.Cli;

/// <summary>Options every command shares, defined once so their names and help text never drift apart.</summary>
internal static class CommonOptions
{
    public static Option<string?> Library() => new("--library", "-l")
    {
        Description = $"The library folder (catalog and thumbnails). Default: ${LibraryLocation.EnvironmentVariable}, else the per-user data folder.",
        HelpName = "DIR",
    };

    public static Option<bool> Offline() => new("--offline")
    {
        Description = "Never download models (same as SHOEBOX_OFFLINE=1 or HF_HUB_OFFLINE=1).",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object instead of text, for scripts.",
    };
}
