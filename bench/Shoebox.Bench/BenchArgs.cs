using System.Globalization;

namespace Shoebox.Bench;

/// <summary>`--name value` options of the bench commands.</summary>
internal static class BenchArgs
{
    public static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    public static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static double Double(string[] args, string name, double fallback) =>
        Option(args, name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
