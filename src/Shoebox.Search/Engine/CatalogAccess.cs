using Shoebox.Catalog;

namespace Shoebox.Search.Engine;

/// <summary>
/// The engine's one catalog connection, used by one thread at a time. Search reads take milliseconds, so requests
/// queue here rather than each opening a connection; indexing writes through its own connection meanwhile (WAL).
/// </summary>
internal sealed class CatalogAccess(PhotoCatalog catalog) : IDisposable
{
    private readonly Lock _lock = new();

    public T Read<T>(Func<PhotoCatalog, T> query)
    {
        lock (_lock)
        {
            return query(catalog);
        }
    }

    public void Read(Action<PhotoCatalog> query)
    {
        lock (_lock)
        {
            query(catalog);
        }
    }

    public void Dispose() => catalog.Dispose();
}
