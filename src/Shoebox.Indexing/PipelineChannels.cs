using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>The plumbing every phase shares: parallel stages over bounded channels, the single catalog writer, and how a phase stops.</summary>
internal static class PipelineChannels
{
    /// <summary>Runs <paramref name="work"/> on items from <paramref name="input"/> with a fixed parallelism, completing <paramref name="output"/> at the end.</summary>
    public static Task ProduceAsync<TIn, TOut>(
        ChannelReader<TIn> input, ChannelWriter<TOut> output, int parallelism, Func<TIn, TOut> work, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(
                    input.ReadAllAsync(cancellationToken),
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
                    async (item, token) => await output.WriteAsync(work(item), token));
            }
            finally
            {
                output.TryComplete();
            }
        }, CancellationToken.None);

    /// <summary>
    /// The single catalog writer: drains the channel to its end (also after a cancel, so the batch in hand is
    /// committed) in transactions of up to <paramref name="batchSize"/> items.
    /// </summary>
    public static async Task WriteAllAsync<T>(PhotoCatalog catalog, ChannelReader<T> input, int batchSize, Func<PhotoCatalog, T, Task> record)
    {
        while (await input.WaitToReadAsync(CancellationToken.None))
        {
            await using var batch = await catalog.BeginBatchAsync();
            for (var count = 0; count < batchSize && input.TryRead(out var item); count++)
            {
                await record(catalog, item);
            }
            await batch.CommitAsync();
        }
    }

    /// <summary>
    /// Waits for every stage. When one fails, the others are cancelled, and the failure that explains the stop
    /// (a library problem first) is the one thrown.
    /// </summary>
    public static async Task WhenAllOrFirstFailure(CancellationTokenSource stop, params Task[] stages)
    {
        foreach (var stage in stages)
        {
            _ = stage.ContinueWith(_ => CancelQuietly(stop), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        try
        {
            await Task.WhenAll(stages);
        }
        catch
        {
            var errors = stages.Where(s => s.IsFaulted).SelectMany(s => s.Exception!.InnerExceptions).ToList();
            var cause = errors.FirstOrDefault(e => e is LibraryUnavailableException)
                ?? errors.FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null)
            {
                ExceptionDispatchInfo.Throw(cause);
            }
            throw;
        }
    }

    private static void CancelQuietly(CancellationTokenSource stop)
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The phase already ended; there is nothing left to stop.
        }
    }
}
