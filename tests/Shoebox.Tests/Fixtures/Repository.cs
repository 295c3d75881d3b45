namespace Shoebox.Tests.Fixtures;

/// <summary>The repository the tests were built from, for tests of its scripts and files.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Shoebox.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Shoebox.slnx not found above " + AppContext.BaseDirectory);
    }
}
