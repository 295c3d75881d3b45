using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Captions;

namespace Shoebox.Indexing.Captions;

/// <summary>One caption made (or not), as the run goes.</summary>
public sealed record CaptionProgress(int Finished, int Total, ThumbnailWork Photo, string? Caption, string? Failure);

/// <summary>
/// Captions the photos whose caption stage is pending, from their preview thumbnails, a few requests at a time.
/// Each answer is committed on its own, so a run stopped at any point continues where it was. Stopping waits for
/// the requests in flight and keeps their captions.
/// </summary>
public sealed class CaptionRun(CaptionRunOptions options, OllamaCaptioner captioner)
{
    public const string TextKind = "caption";

    public event Action<CaptionProgress>? Progress;

    public async Task<CaptionSummary> RunAsync(CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        var clock = Stopwatch.StartNew();
        var stage = Stages.Caption(captioner.Options.Model);
        var source = captioner.Options.SourceName;
        using var held = options.Library.Lock();
        await using var catalog = await options.Library.OpenExistingAsync(stop);
        await catalog.EnsureUndamagedAsync();
        var summary = new CaptionSummary { Model = captioner.Options.Model };
        // Asked first, so a mistyped model name or URL leaves nothing queued under it.
        try
        {
            await captioner.CheckAsync(stop);
        }
        catch (CaptionServerException e)
        {
            return summary with { Remaining = (await catalog.Stages.CountAsync(stage)).Pending, StoppedBecause = e.Message, Elapsed = clock.Elapsed };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return summary with { Remaining = (await catalog.Stages.CountAsync(stage)).Pending, Interrupted = true, Elapsed = clock.Elapsed };
        }
        if (options.RetryFailed)
        {
            await catalog.Stages.RetryFailedAsync(stage);
        }
        summary = summary with { Queued = await catalog.Stages.QueueAfterThumbnailsAsync(stage, DateTimeOffset.Now) };
        var work = await catalog.Stages.ListWaitingAsync(stage, options.Limit);
        if (work.Count == 0)
        {
            return summary with { Remaining = (await catalog.Stages.CountAsync(stage)).Pending, Elapsed = clock.Elapsed };
        }

        var thumbnails = new ThumbnailStore(options.Library.Folder);
        var previews = new PreviewMaker(thumbnails, new ImageDecoder());
        // One answer is recorded at a time: the catalog is one connection.
        using var gate = new SemaphoreSlim(1);
        var failures = new List<CaptionFailure>();
        var captioned = 0;
        var finished = 0;
        string? stoppedBecause = null;
        // Requests in flight are never cancelled: Ctrl+C and a dead server only stop new ones from starting.
        using var halt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var running = new List<Task>();

        async Task RecordAsync(ThumbnailWork photo, string? caption, string? failure)
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                await using (var batch = await catalog.BeginBatchAsync())
                {
                    var now = DateTimeOffset.Now;
                    if (caption is not null)
                    {
                        await catalog.Texts.ReplaceAsync(photo.PhotoId, TextKind, source, caption);
                        await catalog.Stages.SetAsync(photo.PhotoId, stage, StageState.Done, null, now);
                        captioned++;
                    }
                    else
                    {
                        await catalog.Stages.SetAsync(photo.PhotoId, stage, StageState.Failed, failure, now);
                        failures.Add(new CaptionFailure(photo.PhotoId, photo.Path, failure!));
                    }
                    await batch.CommitAsync();
                }
                finished++;
                Progress?.Invoke(new CaptionProgress(finished, work.Count, photo, caption, failure));
            }
            finally
            {
                gate.Release();
            }
        }

        async Task<List<CatalogLocation>> LocationsAsync(long photoId)
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                return [.. (await catalog.Locations.OfPhotoAsync(photoId)).Where(l => l.HoldsContent)];
            }
            finally
            {
                gate.Release();
            }
        }

        async Task CaptionOneAsync(ThumbnailWork photo)
        {
            try
            {
                byte[] jpeg;
                try
                {
                    // The preview is made now when the photo has none yet (they are made when first wanted); only then
                    // are its files looked up.
                    List<CatalogLocation> locations = thumbnails.HasPreview(photo.Hash) ? [] : await LocationsAsync(photo.PhotoId);
                    var preview = await previews.EnsureAsync(photo.Hash, locations.Select(StoredLocations.AsStored), CancellationToken.None)
                        ?? throw new FileNotFoundException("no file of the photo can be read now");
                    jpeg = await File.ReadAllBytesAsync(preview, CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageException)
                {
                    await RecordAsync(photo, null, $"its preview cannot be made ({e.Message})");
                    return;
                }
                try
                {
                    await RecordAsync(photo, await captioner.CaptionAsync(jpeg, CancellationToken.None), null);
                }
                catch (CaptionFailedException e)
                {
                    await RecordAsync(photo, null, e.Message);
                }
                catch (CaptionServerException e)
                {
                    Interlocked.CompareExchange(ref stoppedBecause, e.Message, null); // the photo stays pending for a run that can reach the model
                    await halt.CancelAsync();
                }
            }
            finally
            {
                slots.Release();
            }
        }

        foreach (var photo in work)
        {
            try
            {
                await slots.WaitAsync(halt.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            running.Add(Task.Run(() => CaptionOneAsync(photo), CancellationToken.None));
        }
        await Task.WhenAll(running);

        return summary with
        {
            Captioned = captioned,
            Failures = failures,
            Remaining = (await catalog.Stages.CountAsync(stage)).Pending,
            Interrupted = stop.IsCancellationRequested,
            StoppedBecause = stoppedBecause,
            Elapsed = clock.Elapsed,
        };
    }
}
