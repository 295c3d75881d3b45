using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NetVips;

namespace Shoebox.Imaging;

/// <summary>Process-wide libvips settings, applied once before the first image is touched.</summary>
internal static partial class VipsSetup
{
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        NativeLibraries.EnsureRegistered();
        // Shoebox decodes many images at once, one per core: libvips' own threads and its cache of open
        // files would only add memory and contention.
        NetVips.NetVips.Concurrency = 1;
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        // Warnings about damaged files reach the user as a failure reason, not as noise on the terminal.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug,
            static (_, _, _) => { });
        return true;
    });

    public static void EnsureInitialised() => _ = Initialised.Value;

    /// <summary>
    /// libvips keeps one error buffer per process, and loaders leave notes in it even when they succeed; clearing
    /// it before each file keeps another file's messages out of this file's failure reason.
    /// </summary>
    public static void ClearErrors() => vips_error_clear();

    /// <summary>libvips' error text reduced to one line without the file name or the loader's internal names.</summary>
    public static string Describe(VipsException e, string path)
    {
        var lines = e.Message.Replace($"\"{path}\"", "the file", StringComparison.Ordinal).Replace(path, "the file", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => LoaderPrefix().Replace(line, ""))
            .Where(line => line.Length > 0 && !line.StartsWith("unable to call", StringComparison.Ordinal)
                && !line.StartsWith("unable to load from file", StringComparison.Ordinal)
                && !line.StartsWith("unable to write to memory", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        return lines.Count == 0 ? "unknown libvips error" : string.Join("; ", lines);
    }

    [LibraryImport(NativeLibraries.Vips)]
    private static partial void vips_error_clear();

    [GeneratedRegex(@"^(Vips\w+|\w+load(_\w+)?|\w+_source|vips_\w+):\s*")]
    private static partial Regex LoaderPrefix();
}
