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

    /// <summary>Where the catalog is: a PostgreSQL URL shared by several machines; absent, the SQLite file in the library folder.</summary>
    public static Option<string?> Catalog()
    {
        var option = new Option<string?>("--catalog")
        {
            Description = $"The catalog's database: postgres://user@host:port/db (shared by several machines). Default: ${CatalogEnvironmentVariable}, else catalog.db in the library folder.",
            HelpName = "URL",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CatalogEnvironmentVariable) is { Length: > 0 } url ? url : null,
        };
        // Anything else would quietly fall back to the SQLite file in the library folder.
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !Shoebox.Catalog.Library.IsDatabaseUrl(value))
            {
                result.AddError($"--catalog (or ${CatalogEnvironmentVariable}) takes a postgres:// URL, such as postgres://user@host:5432/photos; got '{value}'.");
            }
        });
        return option;
    }

    public const string CatalogEnvironmentVariable = "SHOEBOX_CATALOG";

    public static Option<bool> Offline() => new("--offline")
    {
        Description = "Never download models (same as SHOEBOX_OFFLINE=1 or HF_HUB_OFFLINE=1).",
    };

    public static Option<bool> NoOcr() => new("--no-ocr")
    {
        Description = "Do not read the text in photos (OCR runs by default; photos without text cost little).",
    };

    public static Option<bool> NoTags() => new("--no-tags")
    {
        Description = "Do not tag photos automatically (meme, screenshot, document; with a CLIP or SigLIP model, a few hundred everyday concepts).",
    };

    public static Option<bool> NoFaces() => new("--no-faces")
    {
        Description = "Do not find faces or group them into people (on by default; costs most on photos with people in them).",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object instead of text, for scripts.",
    };
}
