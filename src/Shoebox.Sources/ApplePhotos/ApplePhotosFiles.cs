namespace Shoebox.Sources.ApplePhotos;

/// <summary>Where a Photos library keeps an asset's original and, for originals only in iCloud, its previews.</summary>
internal static class ApplePhotosFiles
{
    private static readonly string[] ImageExtensions = [".jpeg", ".jpg", ".heic", ".png"];

    /// <summary>"&lt;library&gt;/originals/&lt;ZDIRECTORY&gt;/&lt;ZFILENAME&gt;", or the absolute folder of a referenced file.</summary>
    public static string? Original(string library, ApplePhotosAsset asset)
    {
        if (string.IsNullOrEmpty(asset.FileName))
        {
            return null;
        }
        var directory = asset.Directory ?? "";
        return directory.StartsWith('/')
            ? Path.Combine(directory, asset.FileName)
            : Path.Combine(library, "originals", directory, asset.FileName);
    }

    /// <summary>
    /// The largest render (the edited version at full size, "_1_201_a") or derivative ("_1_105_c", about 1200 px)
    /// Photos keeps of <paramref name="uuid"/>; null when it keeps none.
    /// </summary>
    public static FileInfo? LargestPreview(string library, string uuid)
    {
        var shard = uuid[..1];
        FileInfo? largest = null;
        foreach (var folder in new[] { Path.Combine(library, "resources", "renders", shard), Path.Combine(library, "resources", "derivatives", shard) })
        {
            foreach (var file in Candidates(folder, uuid))
            {
                if (largest is null || file.Length > largest.Length)
                {
                    largest = file;
                }
            }
        }
        return largest;
    }

    private static IEnumerable<FileInfo> Candidates(string folder, string uuid)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
        {
            return [];
        }
        try
        {
            // The named renders and derivatives, and any other size Photos made ("<UUID>_4_5005_c.jpeg"), but
            // never the adjustment plists or video renders kept beside them.
            return [.. directory.EnumerateFiles(uuid + "*")
                .Where(file => ImageExtensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase) && file.Length > 0)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
