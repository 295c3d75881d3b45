namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A served library as a first run can leave it: shapes a grid must cope with (a 174 x 38 TIFF, a 16 px icon, a
/// 10:1 banner, a tall strip), a JPEG too damaged to have a thumbnail, and no model (it could not be had offline),
/// so the photos' vectors wait.
/// </summary>
public sealed class ServedOddShapes : IAsyncLifetime
{
    public const string Wide = "wide.tiff";
    public const string Broken = "broken.jpg";

    /// <summary>Every photo with its size; the broken one has none.</summary>
    public static readonly (string Name, int Width, int Height)[] Sized =
    [
        (Wide, 174, 38), ("icon.png", 16, 16), ("banner.png", 2000, 200), ("strip.png", 30, 600), ("photo-1.jpg", 960, 640), ("photo-2.jpg", 640, 960),
    ];

    public ServedLibrary Library { get; } = new(Write, withModel: false);

    public static int Photos => Sized.Length + 1;

    private static void Write(TempFolder temp)
    {
        foreach (var (name, width, height) in Sized)
        {
            var path = temp[$"photos/{name}"];
            _ = Path.GetExtension(name) switch
            {
                ".tiff" => TestImages.Tiff(path, width, height),
                ".png" => TestImages.Png(path, width, height),
                _ => TestImages.Jpeg(path, width, height),
            };
        }
        // A JPEG's signature, then nothing a decoder can use: catalogued, but never decoded.
        File.WriteAllBytes(temp[$"photos/{Broken}"], [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 31 % 251))]);
    }

    public Task InitializeAsync() => Library.InitializeAsync();

    public Task DisposeAsync() => Library.DisposeAsync();
}
