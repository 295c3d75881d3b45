using System.Reflection;
using System.Runtime.InteropServices;

namespace Shoebox.Imaging;

/// <summary>Finds the native libraries this assembly calls directly, under each platform's file name.</summary>
internal static class NativeLibraries
{
    public const string Heif = "heif";
    public const string Vips = "vips";

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
