namespace Shoebox.Models.Onnx;

/// <summary>
/// Physical core count for ONNX Runtime's intra-op pool: matrix multiplies saturate a core's FPUs, so a second
/// hyper-thread per core only competes for them. 0 means "ONNX Runtime's default", which is the same count.
/// </summary>
internal static class PhysicalCores
{
    public static int Count()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere ONNX Runtime's own default (0) is the physical core count.
            return 0;
        }
        // ProcessorCount already respects container CPU limits; never go above it.
        var logical = Environment.ProcessorCount;
        try
        {
            var physical = CountInCpuInfo(File.ReadAllText("/proc/cpuinfo"));
            return physical > 0 ? Math.Min(physical, logical) : logical;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return logical;
        }
    }

    /// <summary>Distinct (physical id, core id) pairs in /proc/cpuinfo; 0 when the file does not list them (some ARM kernels).</summary>
    internal static int CountInCpuInfo(string cpuInfo)
    {
        var cores = new HashSet<(string Package, string Core)>();
        string package = "0";
        string? core = null;
        foreach (var line in cpuInfo.Split('\n').Append(""))
        {
            if (line.Trim().Length == 0)
            {
                if (core is not null)
                {
                    cores.Add((package, core));
                }
                (package, core) = ("0", null);
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "physical id")
            {
                package = value;
            }
            else if (key == "core id")
            {
                core = value;
            }
        }
        return cores.Count;
    }
}
