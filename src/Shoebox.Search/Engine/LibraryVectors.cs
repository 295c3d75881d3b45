using System.Text;
using Shoebox.Core;
using Shoebox.Search.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>
/// The vector index of one model in one library, kept in step with the catalog (the truth): loaded from
/// vectors/&lt;model&gt;.sbvx when that file is sound, rebuilt from the catalog when it is missing, damaged or of
/// another model, and brought up to date by comparing the photo ids it holds with those the catalog says should be
/// searchable. Vectors hang off content, so a photo id's vector never changes: comparing ids is enough.
/// </summary>
internal sealed class LibraryVectors : IDisposable
{
    public const string FolderName = "vectors";

    private readonly string _path;
    private readonly CatalogAccess _catalog;
    private readonly Lock _syncLock = new();
    private IVectorIndex? _index;

    public LibraryVectors(string libraryFolder, ModelIdentity model, CatalogAccess catalog)
    {
        Model = model;
        _catalog = catalog;
        _path = Path.Combine(libraryFolder, FolderName, FileNameOf(model));
    }

    public ModelIdentity Model { get; }

    /// <summary>Why the saved index was not used at the last load, for diagnostics; null when it was.</summary>
    public string? RebuildReason { get; private set; }

    /// <summary>The index, loaded and synchronised on first use.</summary>
    public IVectorIndex Index
    {
        get
        {
            if (Volatile.Read(ref _index) is { } index)
            {
                return index;
            }
            Sync();
            return _index!;
        }
    }

    /// <summary>
    /// Loads the index if needed, then adds what the catalog has and the index lacks and removes what the catalog no
    /// longer has (photos pruned, or with no location left). Saves the file when anything changed.
    /// </summary>
    public void Sync()
    {
        lock (_syncLock)
        {
            var index = _index ?? LoadOrCreate();
            var wanted = _catalog.Read(c => c.ListSearchable(Model));
            var held = new HashSet<long>(index.PhotoIds());
            var changed = _index is null && RebuildReason is not null;
            foreach (var id in held.Except(wanted))
            {
                changed |= index.Remove(id);
            }
            var missing = wanted.Where(id => !held.Contains(id)).ToList();
            foreach (var chunk in missing.Chunk(2048))
            {
                var vectors = _catalog.Read(c => c.LoadEmbeddings(Model, chunk));
                foreach (var (id, vector) in vectors)
                {
                    index.Upsert(id, vector);
                }
                changed = true;
            }
            if (changed)
            {
                TrySave(index);
            }
            Volatile.Write(ref _index, index);
        }
    }

    public void Dispose() => _index?.Dispose();

    private ExactVectorIndex LoadOrCreate()
    {
        try
        {
            var loaded = ExactVectorIndex.Load(_path, Model);
            RebuildReason = null;
            return loaded;
        }
        catch (VectorIndexStaleException e)
        {
            RebuildReason = e.Message;
            return new ExactVectorIndex(Model);
        }
    }

    // The file only saves the next start a rebuild: a read-only or full library still searches, from memory.
    private void TrySave(IVectorIndex index)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            index.Save(_path);
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
