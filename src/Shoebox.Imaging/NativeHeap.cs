using System.Runtime.InteropServices;

namespace Shoebox.Imaging;

/// <summary>How glibc's allocator serves the native side (libvips, ONNX Runtime, SQLite) on Linux.</summary>
/// <remarks>
/// glibc serves a large block from the heap, not from pages of its own, once a block of that size has been freed
/// (its threshold climbs to 32 MB), and keeps what the heap frees; decoding and reading thousands of photos frees
/// megabytes per photo on whichever thread is free, so an index run came to hold hundreds of megabytes it no longer
/// used. A fixed threshold gives every block of 256 KB or more its own pages, handed back when freed. Measured by
/// `shoebox index` over 1,120 camera photos (JPEGs and HEICs of 3-24 MP, --no-ocr --no-faces): peak 1.82 GB as glibc
/// comes, 1.47 GB with MALLOC_ARENA_MAX=2, 1.28 GB with this threshold set by MALLOC_MMAP_THRESHOLD_ and 1.37 GB set
/// here, as the process starts (limiting the heaps as well gave 1.41 GB: no better).
/// </remarks>
public static partial class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int MmapThreshold = 256 * 1024;

    /// <summary>Sets the threshold, unless the user set one with MALLOC_MMAP_THRESHOLD_; elsewhere does nothing.</summary>
    public static void Settle()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null)
        {
            return;
        }
        try
        {
            _ = mallopt(MmapThresholdOption, MmapThreshold);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no such setting): its allocator is left as it is.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int option, int value);
}
