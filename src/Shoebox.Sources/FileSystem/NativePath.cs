using System.Runtime.InteropServices;

namespace Shoebox.Sources.FileSystem;

/// <summary>Canonical paths (every symbolic link resolved), used to notice a folder reached twice.</summary>
internal static partial class NativePath
{
    public static string Canonical(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.GetFullPath(path).TrimEnd('\\');
        }
        var resolved = RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return Path.GetFullPath(path);
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? Path.GetFullPath(path);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
