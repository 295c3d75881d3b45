namespace Shoebox.Tests.Fixtures;

/// <summary>A test that mounts file systems (a tiny tmpfs to fill the disk): it needs root, as CI has.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "mounts a file system, which needs root (CI runs as root)";
        }
    }
}
