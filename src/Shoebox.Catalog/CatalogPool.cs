using System.Collections.Concurrent;

namespace Shoebox.Catalog;

/// <summary>
/// Open catalogs of one library, lent to callers that run at the same time (the web app's requests, a search beside
/// background indexing) so that none waits for another: a catalog is one connection, used by one caller at a time.
/// Idle ones are kept open, up to a few; a rented catalog goes back here when disposed.
/// </summary>
public sealed class CatalogPool : IAsyncDisposable
{
    private readonly Library _library;
    private readonly int _keepIdle;
    private readonly ConcurrentBag<PhotoCatalog> _idle = [];
    private volatile bool _disposed;

    /// <param name="keepIdle">Connections kept open between uses; more may be open at once, the rest close after use.</param>
    public CatalogPool(Library library, int keepIdle = 8)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepIdle, 0);
        _library = library;
        _keepIdle = keepIdle;
    }

    public Library Library => _library;

    /// <summary>A catalog for the caller alone until it disposes it.</summary>
    /// <exception cref="Shoebox.Core.LibraryUnavailableException">The catalog cannot be opened.</exception>
    public async Task<PhotoCatalog> RentAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var catalog = _idle.TryTake(out var idle) ? idle : await _library.OpenExistingAsync(cancellationToken);
        catalog.ReturnTo(ReturnAsync);
        return catalog;
    }

    /// <summary>Runs <paramref name="work"/> on a rented catalog.</summary>
    public async Task<T> WithAsync<T>(Func<PhotoCatalog, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var catalog = await RentAsync();
        return await work(catalog);
    }

    public async Task WithAsync(Func<PhotoCatalog, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var catalog = await RentAsync();
        await work(catalog);
    }

    private async ValueTask ReturnAsync(PhotoCatalog catalog)
    {
        // A connection that failed (the server restarted, the disk filled) is not lent again.
        if (!_disposed && catalog.IsUsable && _idle.Count < _keepIdle)
        {
            _idle.Add(catalog);
            return;
        }
        await catalog.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var catalog))
        {
            await catalog.CloseAsync();
        }
    }
}
