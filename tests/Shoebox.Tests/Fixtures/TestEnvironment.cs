using System.Runtime.CompilerServices;

namespace Shoebox.Tests.Fixtures;

internal static class TestEnvironment
{
    /// <summary>
    /// No test may reach the network or use the models of the machine it runs on: every store is offline and
    /// points at an empty folder of its own, for this process and the shoebox processes it starts.
    /// </summary>
#pragma warning disable CA2255 // a module initializer is the one place that runs before any test in the assembly
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        Environment.SetEnvironmentVariable("SHOEBOX_OFFLINE", "1");
        Environment.SetEnvironmentVariable("SHOEBOX_MODELS", Path.Combine(Path.GetTempPath(), "shoebox-tests", "models-" + Environment.ProcessId));
        Environment.SetEnvironmentVariable("HF_ENDPOINT", "http://127.0.0.1:9/");
    }
}
