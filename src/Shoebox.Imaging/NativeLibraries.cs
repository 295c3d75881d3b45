using System.Reflection;
using System.Runtime.InteropServices;

namespace Shoebox.Imaging;

/// <summary>Finds the native libraries this assembly calls directly, under each platform's file name.</summary>
internal static class NativeLibraries
{
    public const string Heif = "heif";
    public const string Vips = "vips";

    /// <summary>
    /// LibRaw, loaded by hand (LibRawLibrary): the thread-safe libraw_r build first, then the plain one, by the
    /// sonames of 0.20 (Debian 12, Ubuntu 22.04-24.04) and 0.21 (Debian 13, Ubuntu 24.10 on), then unversioned.
    /// </summary>
    public static readonly string[] Raw =
    [
        "libraw_r.so.23", "libraw_r.so.20", "libraw.so.23", "libraw.so.20", "libraw_r.so", "libraw.so",
        "libraw_r.23.dylib", "libraw.23.dylib", "/opt/homebrew/lib/libraw_r.dylib", "/opt/homebrew/lib/libraw.dylib",
        "/usr/local/lib/libraw_r.dylib", "/usr/local/lib/libraw.dylib", "libraw_r.dylib", "libraw.dylib",
        "libraw.dll", "raw.dll",
    ];

    private static readonly Dictionary<string, string[]> Candidates = new()
    {
        [Heif] = ["libheif.so.1", "libheif.1.dylib", "/opt/homebrew/lib/libheif.1.dylib", "/usr/local/lib/libheif.1.dylib", "libheif.dll", "heif.dll"],
        // The copy NetVips.Native ships with the application.
        [Vips] = ["libvips.so.42", "libvips.42.dylib", "libvips-42.dll"],
    };

    private static readonly Lazy<bool> Registered = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!Candidates.TryGetValue(name, out var files))
        {
            return IntPtr.Zero;
        }
        foreach (var file in files)
        {
            if (NativeLibrary.TryLoad(file, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }
        return IntPtr.Zero;
    }
}
