using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Shoebox.Imaging;

/// <summary>
/// The system's LibRaw, opened by hand rather than through [LibraryImport]: the runtime remembers a library it has
/// bound for the life of the process, while Shoebox must notice LibRaw installed after it started (a running `serve`,
/// `--retry-failed`) and tests must be able to look for it under names that do not exist. A successful load is kept;
/// a failed one is tried again on the next decode.
/// Only calls whose signatures have not changed since LibRaw 0.18 are used: open, unpack, process,
/// <c>libraw_dcraw_make_mem_image</c> (whose small header of type, height, width, colours and bits is the same in
/// every version), <c>libraw_adjust_sizes_info_only</c>, the <c>libraw_get_*</c> size getters and the
/// <c>libraw_set_*</c> setters. The one field without a setter, half_size, is found through them (see
/// <see cref="LibRawParams"/>); the one without a getter, flip, likewise (see <see cref="LibRawSizes"/>).
/// </summary>
internal sealed unsafe class LibRawLibrary
{
    private static readonly ConcurrentDictionary<string, LibRawLibrary> Loaded = new(StringComparer.Ordinal);

    private LibRawLibrary(IntPtr handle)
    {
        Init = (delegate* unmanaged[Cdecl]<uint, IntPtr>)Export(handle, "libraw_init");
        Close = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export(handle, "libraw_close");
        OpenFile = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int>)Export(handle, "libraw_open_file");
        OpenWideFile = OperatingSystem.IsWindows()
            ? (delegate* unmanaged[Cdecl]<IntPtr, char*, int>)Export(handle, "libraw_open_wfile")
            : null;
        Unpack = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_unpack");
        Process = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_dcraw_process");
        MakeMemImage = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)Export(handle, "libraw_dcraw_make_mem_image");
        ClearMem = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export(handle, "libraw_dcraw_clear_mem");
        StrError = (delegate* unmanaged[Cdecl]<int, IntPtr>)Export(handle, "libraw_strerror");
        Version = (delegate* unmanaged[Cdecl]<IntPtr>)Export(handle, "libraw_version");
        Width = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_get_iwidth");
        Height = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_get_iheight");
        RawWidth = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_get_raw_width");
        RawHeight = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_get_raw_height");
        AdjustSizesInfoOnly = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "libraw_adjust_sizes_info_only");
        SetBright = (delegate* unmanaged[Cdecl]<IntPtr, float, void>)Export(handle, "libraw_set_bright");
        SetHighlight = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)Export(handle, "libraw_set_highlight");
        SetOutputColor = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)Export(handle, "libraw_set_output_color");
        SetOutputBps = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)Export(handle, "libraw_set_output_bps");
        SetDemosaic = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)Export(handle, "libraw_set_demosaic");
        SetDataErrorHandler = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void>)Export(handle, "libraw_set_dataerror_handler");
        SetMemoryErrorHandler = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void>)Export(handle, "libraw_set_memerror_handler");
    }

    public delegate* unmanaged[Cdecl]<uint, IntPtr> Init { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> Close { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, byte*, int> OpenFile { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, char*, int> OpenWideFile { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> Unpack { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> Process { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> MakeMemImage { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ClearMem { get; }
    public delegate* unmanaged[Cdecl]<int, IntPtr> StrError { get; }
    public delegate* unmanaged[Cdecl]<IntPtr> Version { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> Width { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> Height { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> RawWidth { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> RawHeight { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> AdjustSizesInfoOnly { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, float, void> SetBright { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, void> SetHighlight { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, void> SetOutputColor { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, void> SetOutputBps { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, void> SetDemosaic { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> SetDataErrorHandler { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> SetMemoryErrorHandler { get; }

    /// <summary>The first of <paramref name="names"/> that loads and has every call used here; null when none does.</summary>
    public static LibRawLibrary? TryLoad(IReadOnlyList<string> names)
    {
        var key = string.Join('\n', names);
        if (Loaded.TryGetValue(key, out var loaded))
        {
            return loaded;
        }
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }
            try
            {
                return Loaded.GetOrAdd(key, new LibRawLibrary(handle));
            }
            catch (EntryPointNotFoundException)
            {
                // Too old a LibRaw under this name; another candidate may be newer. The handle stays loaded: the
                // runtime would unload nothing here that the process could use again.
            }
        }
        return null;
    }

    public string VersionText => Marshal.PtrToStringUTF8(Version()) ?? "?";

    public string Describe(int code) => Marshal.PtrToStringUTF8(StrError(code)) ?? $"error {code}";

    private static IntPtr Export(IntPtr handle, string name) => NativeLibrary.GetExport(handle, name);
}
