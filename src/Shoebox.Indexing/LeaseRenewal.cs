using System.Data.Common;
using Microsoft.Extensions.Logging;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>
/// Renews a worker's lease on the batch in hand every third of the lease, on a connection of its own, so that a long
/// batch is not taken over while it is being worked on; a worker that dies stops renewing, and others get its batch.
/// </summary>
internal sealed class LeaseRenewal(Library library, WorkerOptions options, ILogger logger)
{
    // Replaced by the worker at each batch while the renewal loop reads it.
    private volatile IReadOnlyList<long> _inHand = [];

    /// <summary>The photos the worker holds now; empty between batches.</summary>
    public IReadOnlyList<long> InHand
    {
        get => _inHand;
        set => _inHand = value;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(50, options.Lease.TotalMilliseconds / 3));
        PhotoCatalog? catalog = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, cancellationToken);
                if (_inHand is not { Count: > 0 } ids)
                {
                    continue;
                }
                try
                {
                    catalog ??= await library.OpenAsync(cancellationToken);
                    await catalog.Claims.RenewAsync(options.Name, ids, options.Lease);
                }
                catch (Exception e) when (ConnectionLoss.Is(e) || e is DbException or LibraryUnavailableException or InvalidOperationException)
                {
                    // The worker's own loop notices the loss too (and reports what is wrong); a fresh connection is
                    // tried at the next renewal, and at worst the lease runs out and the batch is done again.
                    IndexingLog.RenewalFailed(logger, e.Message);
                    if (catalog is not null)
                    {
                        await catalog.DisposeAsync();
                    }
                    catalog = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker stopped.
        }
        finally
        {
            if (catalog is not null)
            {
                await catalog.DisposeAsync();
            }
        }
    }
}
