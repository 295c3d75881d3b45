namespace Shoebox.Bench;

/// <summary>Finds the project's shared data sets (../shared/data beside the checkout) from wherever the bench runs.</summary>
internal static class SharedData
{
    public static string? Find(string relative)
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
