using System.Diagnostics;
using System.Text;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Vectors;

/// <summary>
/// The vector index of one model in one library, kept in step with the catalog (the truth): loaded from
/// vectors/&lt;model&gt;.sbvx when that file is sound, rebuilt from the catalog when it is missing, damaged or of
/// another model, and brought up to date by comparing the photo ids it holds with those the catalog says should be
/// searchable. Vectors hang off content, so a photo id's vector never changes: comparing ids is enough.
/// </summary>
/// <remarks>
/// Indexing keeps the file up to date as it writes vectors (<see cref="AddAsync"/>, then <see cref="SyncAsync"/> at
/// the end of a run), so that a search only loads it: the graph of a million photos takes minutes to build but a
/// second or two to load.
/// </remarks>
public sealed class LibraryVectors : IModelVectors
{
    public const string FolderName = "vectors";

    // Saving a million vectors writes over a gigabyte: while photos pour in, the file is brought up to date at most
    // this often (a killed run loses no more than this to the next sync), and the end of a run saves the rest.
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMinutes(5);

    private readonly string _path;
    private readonly CatalogPool _catalogs;
    private readonly bool _ownsCatalogs;
    private const int ChunkSize = 2048;

    // One sync or addition at a time; searches read the index in hand meanwhile.
    private readonly SemaphoreSlim _syncLock = new(1);
    private IVectorIndex? _index;
    private bool _unsaved;
    private long _savedAt = Stopwatch.GetTimestamp();

    public LibraryVectors(string libraryFolder, ModelIdentity model, CatalogPool catalogs)
        : this(libraryFolder, model, catalogs, ownsCatalogs: false)
    {
    }

    private LibraryVectors(string libraryFolder, ModelIdentity model, CatalogPool catalogs, bool ownsCatalogs)
    {
        Model = model;
        _catalogs = catalogs;
        _ownsCatalogs = ownsCatalogs;
        _path = Path.Combine(libraryFolder, FolderName, FileNameOf(model));
    }

    /// <summary>
    /// The index of <paramref name="model"/> in <paramref name="library"/>, with catalog connections of its own (closed
    /// with it); null where the catalog searches vectors itself (PostgreSQL), which leaves nothing to keep.
    /// </summary>
    public static LibraryVectors? Open(Library library, ModelIdentity model)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.IsShared ? null : new LibraryVectors(library.Folder, model, new CatalogPool(library), ownsCatalogs: true);
    }

    /// <summary>Where the index is saved.</summary>
    public string FilePath => _path;

    public ModelIdentity Model { get; }

    /// <summary>Why the saved index was not used at the last load, for diagnostics; null when it was.</summary>
    public string? RebuildReason { get; private set; }

    /// <summary>The index, loaded and synchronised on first use.</summary>
    public async Task<IVectorIndex> GetIndexAsync()
    {
        if (Volatile.Read(ref _index) is { } index)
        {
            return index;
        }
        await SyncAsync();
        return _index!;
    }

    /// <summary>
    /// Loads the index if needed, then adds what the catalog has and the index lacks and removes what the catalog no
    /// longer has (photos pruned, or with no location left). Rebuilds it whole from the catalog when there is no
    /// sound file, or when the collection has outgrown its kind of index. Saves the file when anything changed.
    /// </summary>
    public async Task SyncAsync()
    {
        await _syncLock.WaitAsync();
        try
        {
            await SyncLockedAsync();
        }
        finally
        {
            _syncLock.Release();
        }
    }

    /// <summary>
    /// Takes in a vector just written to the catalog (indexing calls this for each photo it records), loading the
    /// index first when none is in hand. The vector is rounded to float16 as the catalog stores it, so the index holds
    /// what a rebuild from the catalog would. Saves the file when the last save is <see cref="SaveInterval"/> old.
    /// </summary>
    public async Task AddAsync(long photoId, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        await _syncLock.WaitAsync();
        try
        {
            if (_index is null)
            {
                await SyncLockedAsync();
            }
            var index = _index!;
            index.Upsert(photoId, VectorCodec.Decode(VectorCodec.Encode(vector)));
            if (index is ExactVectorIndex exact && Outgrown(exact))
            {
                var (ids, rows) = exact.Snapshot();
                index = VectorIndexChoice.Build(Model, ids, rows);
                Volatile.Write(ref _index, index);
            }
            _unsaved = true;
            if (Stopwatch.GetElapsedTime(_savedAt) >= SaveInterval)
            {
                TrySave(index);
            }
        }
        finally
        {
            _syncLock.Release();
        }
    }

    public async Task<IReadOnlyList<VectorHit>> NearestAsync(float[] query, int k, HashSet<long>? allowed, IReadOnlySet<long> excluded)
    {
        var index = await GetIndexAsync();
        if (allowed is not null && VectorIndexChoice.PrefersScoringEach(allowed.Count))
        {
            return index.SearchAmong(query, k, allowed.Where(id => !excluded.Contains(id)));
        }
        return index.Search(query, k, id => (allowed is null || allowed.Contains(id)) && !excluded.Contains(id));
    }

    public void Dispose()
    {
        _index?.Dispose();
        _syncLock.Dispose();
        if (_ownsCatalogs)
        {
            // Closing idle SQLite connections does not wait on anything.
            _catalogs.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task SyncLockedAsync()
    {
        await using var catalog = await _catalogs.RentAsync();
        var wanted = await catalog.Vectors.ListSearchableAsync(Model);
        var index = _index ?? LoadSaved();
        var changed = _unsaved;
        if (index is not null)
        {
            changed |= await ApplyAsync(catalog, index, wanted);
        }
        if (index is null || Outgrown(index))
        {
            var rebuilt = await BuildAsync(catalog, wanted);
            if (index is not null && !ReferenceEquals(index, _index))
            {
                index.Dispose();
            }
            index = rebuilt;
            changed = true;
        }
        if (changed)
        {
            TrySave(index);
        }
        // Searches running on a replaced index finish on it; it is left to the collector rather than disposed
        // under them.
        Volatile.Write(ref _index, index);
    }

    private IVectorIndex? LoadSaved()
    {
        try
        {
            RebuildReason = null;
            return SavedVectorIndex.Load(_path, Model);
        }
        catch (VectorIndexStaleException e)
        {
            RebuildReason = e.Message;
            return null;
        }
    }

    // Vectors the catalog has and the index lacks go in; vectors of photos the catalog no longer offers come out.
    private async Task<bool> ApplyAsync(PhotoCatalog catalog, IVectorIndex index, List<long> wanted)
    {
        var held = new HashSet<long>(index.PhotoIds());
        var changed = false;
        foreach (var id in held.Except(wanted))
        {
            changed |= index.Remove(id);
        }
        var missing = new HashSet<long>(wanted.Where(id => !held.Contains(id)));
        await ForEachVectorOfAsync(catalog, missing, (id, vector) => index.Upsert(id, vector));
        return changed || missing.Count > 0;
    }

    // An exact index past its size answers too slowly; a graph that shrank that far is better scanned.
    private static bool Outgrown(IVectorIndex index) => index switch
    {
        ExactVectorIndex exact => !VectorIndexChoice.PrefersExact(exact.Count),
        _ => VectorIndexChoice.PrefersExact(index.Count),
    };

    private async Task<IVectorIndex> BuildAsync(PhotoCatalog catalog, List<long> wanted)
    {
        var searchable = new HashSet<long>(wanted);
        var ids = new long[searchable.Count];
        var rows = new float[(long)searchable.Count * Model.Dimensions];
        var count = 0;
        await ForEachVectorOfAsync(catalog, searchable, (id, vector) =>
        {
            // The catalog may gain vectors between the list and this pass; they wait for the next sync.
            if (count < ids.Length)
            {
                ids[count] = id;
                vector.CopyTo(rows, (long)count * Model.Dimensions);
                count++;
            }
        });
        return VectorIndexChoice.Build(Model, ids.AsMemory(0, count), rows.AsMemory(0, count * Model.Dimensions));
    }

    // A few vectors are looked up by id; many (a first sync, a rebuild) come from one pass over the table, which is
    // far quicker than thousands of lookups.
    private async Task ForEachVectorOfAsync(PhotoCatalog catalog, HashSet<long> photoIds, Action<long, float[]> take)
    {
        if (photoIds.Count > ChunkSize)
        {
            await foreach (var (id, vector) in catalog.Vectors.ReadAllAsync(Model))
            {
                if (photoIds.Contains(id))
                {
                    take(id, vector);
                }
            }
            return;
        }
        foreach (var (id, vector) in await catalog.Vectors.LoadAsync(Model, photoIds))
        {
            take(id, vector);
        }
    }

    // The file only saves the next start a rebuild: a read-only or full library still searches, from memory.
    private void TrySave(IVectorIndex index)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            index.Save(_path);
            _unsaved = false;
            _savedAt = Stopwatch.GetTimestamp();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RebuildReason = $"the vector index could not be saved to {_path}: {e.Message}";
        }
    }

    private static string FileNameOf(ModelIdentity model)
    {
        var name = new StringBuilder();
        foreach (var c in model.Key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_');
        }
        return name.Append(".sbvx").ToString();
    }
}
