namespace Shoebox.Tests.Fixtures;

/// <summary>A test of file permissions, which root ignores: skipped when the tests run as root.</summary>
public sealed class NonRootFactAttribute : FactAttribute
{
    public NonRootFactAttribute()
    {
        if (Environment.UserName == "root")
        {
            Skip = "root ignores file permissions";
        }
    }
}
