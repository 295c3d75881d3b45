using System.Globalization;

namespace Shoebox.Models.Registry;

/// <summary>The mean vectors shipped for centring models' vectors (<see cref="ModelDescriptor.Centre"/>), one number a line, # for comments.</summary>
internal static class ModelCentres
{
    public static float[] Load(string name)
    {
        using var stream = typeof(ModelCentres).Assembly.GetManifestResourceStream($"Shoebox.Models.Registry.{name}")
            ?? throw new InvalidOperationException($"{name} is missing from Shoebox.Models: the build is broken.");
        using var reader = new StreamReader(stream);
        var values = new List<float>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                values.Add(float.Parse(line, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }
        return [.. values];
    }
}
