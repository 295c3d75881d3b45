using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Shoebox.Vectors;

/// <summary>
/// The C API of USearch (libusearch_c, from the NuGet package Cloud.Unum.USearch 2.26.6, Apache-2.0), declared here
/// because the package's own .NET wrapper offers neither filtered search, nor loading from memory, nor thread
/// settings. Every call reports failure through its last argument, a message the library owns (never freed).
/// </summary>
internal static unsafe partial class USearchNative
{
    private const string Library = "libusearch_c";

    public enum MetricKind : uint
    {
        InnerProduct = 2,
    }

    public enum ScalarKind : uint
    {
        Float32 = 1,
        Float16 = 3,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public MetricKind Metric;
        public nint CustomMetric;
        public ScalarKind Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(InitOptions* options, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_serialized_length")]
    public static partial nuint SerializedLength(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_save_buffer")]
    public static partial void SaveBuffer(nint index, void* buffer, nuint length, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_load_buffer")]
    public static partial void LoadBuffer(nint index, void* buffer, nuint length, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_capacity")]
    public static partial nuint Capacity(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_dimensions")]
    public static partial nuint Dimensions(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(nint index, nuint capacity, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(nint index, nuint threads, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(nint index, nuint threads, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(nint index, ulong key, void* vector, ScalarKind kind, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_contains")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool Contains(nint index, ulong key, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(nint index, ulong key, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_get")]
    public static partial nuint Get(nint index, ulong key, nuint count, void* vector, ScalarKind kind, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(nint index, void* query, ScalarKind kind, nuint count, ulong* keys, float* distances, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(
        nint index, void* query, ScalarKind kind, nuint count, delegate* unmanaged[Cdecl]<ulong, void*, int> filter, void* state,
        ulong* keys, float* distances, byte** error);

    /// <summary>Throws what the last call reported, if anything.</summary>
    /// <exception cref="InvalidOperationException">The library refused the call; the message is its own.</exception>
    public static void Check(byte* error, string what)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"USearch could not {what}: {Marshal.PtrToStringUTF8((nint)error)}");
        }
    }

    /// <summary>The filter callback: state is a <see cref="GCHandle"/> to a <see cref="FilterCall"/>.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Accept(ulong key, void* state) =>
        ((FilterCall)GCHandle.FromIntPtr((nint)state).Target!).Accept(USearchVectorIndex.PhotoIdOf(key)) ? 1 : 0;

    /// <summary>
    /// A caller's filter, called from native code: an exception cannot cross back through it, so it is kept and
    /// rethrown once the search returns, and the walk meanwhile sees every photo rejected.
    /// </summary>
    public sealed class FilterCall(Func<long, bool> filter)
    {
        public Exception? Failure { get; private set; }

        public bool Accept(long photoId)
        {
            if (Failure is not null)
            {
                return false;
            }
            try
            {
                return filter(photoId);
            }
            catch (Exception e)
            {
                Failure = e;
                return false;
            }
        }
    }
}
