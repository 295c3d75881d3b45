namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// Where a Capture One catalog or session keeps its database and originals. A catalog is a bundle folder
/// "NAME.cocatalog" holding "NAME.cocatalogdb"; a session is a folder holding "NAME.cosessiondb". Originals inside
/// either are relative to the folder holding the database; referenced ones lie under a Windows or macOS root.
/// </summary>
public static class CaptureOneFiles
{
    public const string CatalogExtension = ".cocatalog";
    public const string CatalogDatabaseExtension = ".cocatalogdb";
    public const string SessionDatabaseExtension = ".cosessiondb";

    /// <summary>A cheap check, from names alone, that <paramref name="path"/> is a catalog, a session, or the database of either.</summary>
    public static bool Looks(string path) => !string.IsNullOrEmpty(path) && DatabaseOf(path) is not null;

    /// <summary>The database <paramref name="path"/> names: itself, the catalog's inside its bundle, the session's inside its folder; null when none.</summary>
    public static string? DatabaseOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        if (File.Exists(trimmed))
        {
            return trimmed.EndsWith(CatalogDatabaseExtension, StringComparison.OrdinalIgnoreCase)
                || trimmed.EndsWith(SessionDatabaseExtension, StringComparison.OrdinalIgnoreCase) ? trimmed : null;
        }
        if (!Directory.Exists(trimmed))
        {
            return null;
        }
        try
        {
            if (trimmed.EndsWith(CatalogExtension, StringComparison.OrdinalIgnoreCase))
            {
                var named = Path.Combine(trimmed, Path.GetFileNameWithoutExtension(trimmed) + CatalogDatabaseExtension);
                return File.Exists(named) ? named : Single(trimmed, "*" + CatalogDatabaseExtension);
            }
            // A session folder is told by the one database directly inside it.
            return Single(trimmed, "*" + SessionDatabaseExtension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Single(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, new EnumerationOptions { RecurseSubdirectories = false, MatchCasing = MatchCasing.CaseInsensitive })
            .Take(2).ToList() is [var one] ? one : null;

    /// <summary>
    /// The original's path: under the folder holding the database when inside the catalog, else under the root for
    /// this system (the other system's when it has none), with the catalog's backslashes turned into this root's
    /// separators. Null when the catalog names no folder the original could be in.
    /// </summary>
    public static string? Original(string databaseFolder, CaptureOneImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Folder is not { } folder)
        {
            return null;
        }
        var mac = folder.MacRoot ?? (folder.Volume is { } volume ? "/Volumes/" + volume : null);
        var root = folder.InsideCatalog ? databaseFolder
            : OperatingSystem.IsWindows() ? folder.WindowsRoot ?? mac
            : mac ?? folder.WindowsRoot;
        if (root is null)
        {
            return null;
        }
        // A root like "P:\" or "\\NAS\photos" is Windows's; any other is this system's or a Mac's, written with '/'.
        var separator = !folder.InsideCatalog && root == folder.WindowsRoot && !OperatingSystem.IsWindows() ? '\\' : Path.DirectorySeparatorChar;
        var parts = (folder.RelativePath ?? "").Split('\\', '/').Where(p => p.Length > 0 && p != ".");
        var rootPart = root.Length > 1 ? root.TrimEnd('/', '\\') : root.TrimEnd(separator);
        return string.Join(separator, [rootPart, .. parts, image.FileName]);
    }
}
