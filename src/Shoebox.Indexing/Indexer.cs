using System.Diagnostics;
using System.Threading.Channels;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Indexing;

/// <summary>
/// One `shoebox index` run. Two phases, each a pipeline of bounded channels:
/// scan (walk -> read and hash -> catalog writer) records what exists; process (pending photos -> decode ->
/// catalog writer) does the per-photo work. The catalog is the checkpoint: whatever a killed run committed is
/// kept, and the next run finds the rest still pending.
/// </summary>
public sealed class Indexer
{
    private readonly IndexOptions _options;
    private readonly RunTally _tally = new();

    public Indexer(IndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Live counts for a progress display; safe to read from another thread.</summary>
    public IndexProgress Progress => _tally.Snapshot();

    /// <summary>
    /// Runs to the end, or until <paramref name="cancellationToken"/> fires: then the batch in hand is committed and
    /// the summary says it was interrupted. Throws <see cref="LibraryUnavailableException"/> when the library
    /// cannot be written (busy, full, read-only) and <see cref="DirectoryNotFoundException"/> for a missing root.
    /// </summary>
    public async Task<IndexSummary> RunAsync(CancellationToken cancellationToken)
    {
        var roots = _options.Roots.Select(ValidateRoot).Distinct(StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        using var libraryLock = LibraryLock.Acquire(_options.LibraryFolder);
        using var catalog = SqliteCatalog.Open(_options.LibraryFolder);
        var started = DateTimeOffset.UtcNow;
        var runId = catalog.BeginRun(roots, started);
        try
        {
            await ScanAsync(catalog, roots, started, cancellationToken);
            PrepareModel(catalog); // after the scan, so the photos it found get the model's stage too
            if (_options.RebuildThumbnails)
            {
                RequeueMissingThumbnails(catalog);
            }
            if (!cancellationToken.IsCancellationRequested)
            {
                await ProcessAsync(catalog, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: what was committed stays; the summary says the run was interrupted.
        }
        var summary = _tally.ToSummary(cancellationToken.IsCancellationRequested, clock.Elapsed);
        catalog.FinishRun(runId, summary.ToJson(), DateTimeOffset.UtcNow);
        return summary;
    }

    private static string ValidateRoot(string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException(File.Exists(full)
                ? $"{root} is a file; give the folder that holds it"
                : $"{root} does not exist (or is not a folder)");
        }
        return full;
    }

    private async Task ScanAsync(SqliteCatalog catalog, IReadOnlyList<string> roots, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (_options.RetryFailed)
        {
            catalog.RetryFailed();
        }
        var known = catalog.LoadLocations();
        var failedPhotos = catalog.LoadFailedPhotos();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded so a fast walker cannot run far ahead of reading: memory stays flat on any library size.
        var found = Channel.CreateBounded<FoundFile>(new BoundedChannelOptions(4096) { SingleReader = false });
        var scanned = Channel.CreateBounded<Scanned>(new BoundedChannelOptions(4096) { SingleReader = true });

        var walker = new FolderWalker(_options.Walk with { ExcludedPaths = [.. _options.Walk.ExcludedPaths, _options.LibraryFolder] });
        var walk = walker.WalkAsync(roots, found.Writer, stop.Token);
        var read = ProduceAsync(found.Reader, scanned.Writer, _options.ReadParallelism, file => Scan(file, known), stop.Token);
        var write = Task.Run(() => WriteAll(catalog, scanned.Reader, _options.BatchSize, (batch, item) => Record(batch, item, failedPhotos)), CancellationToken.None);

        await WhenAllOrFirstFailure(stop, write, walk, read);
        foreach (var problem in walk.Result.Where(p => p.IsFolder || ImageSniffer.HasImageExtension(p.Path)))
        {
            _tally.Failed(problem.Path, problem.Reason);
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            var unlisted = walk.Result.Where(p => p.IsFolder).Select(p => p.Path).ToList();
            _tally.Vanished(catalog.RecordVanished(roots, started, unlisted, DateTimeOffset.UtcNow));
        }
    }

    private void PrepareModel(SqliteCatalog catalog)
    {
        if (_options.Model is not { } model)
        {
            return;
        }
        var encoder = _options.Encoder;
        catalog.RegisterModel(model, new { model.Id, model.Version, model.Dimensions, decodeSize = encoder?.DecodeSize });
        if (catalog.GetSetting(SqliteCatalog.DefaultModelSetting) is null)
        {
            catalog.SetSetting(SqliteCatalog.DefaultModelSetting, _options.ModelSource ?? model.Id);
        }
        catalog.QueueStage(Stages.Embedding(model));
    }

    private async Task ProcessAsync(SqliteCatalog catalog, CancellationToken cancellationToken)
    {
        var processor = new PhotoProcessor(new ImageDecoder(_options.Decode), new ThumbnailStore(_options.LibraryFolder), _options.Encoder);
        var pending = catalog.ListPending(processor.Handles);
        _tally.StartProcessing(pending.Count);
        if (pending.Count == 0)
        {
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<PendingPhoto>(64);
        // Room for two model batches: decoding runs ahead of the model, and no further (each item holds pixels).
        var capacity = 2 * _options.EmbeddingBatchSize;
        var decoded = Channel.CreateBounded<ProcessedPhoto>(new BoundedChannelOptions(capacity) { SingleReader = true });
        var results = Channel.CreateBounded<ProcessedPhoto>(new BoundedChannelOptions(capacity) { SingleReader = true });

        var feed = Task.Run(async () =>
        {
            try
            {
                foreach (var photo in pending)
                {
                    await queue.Writer.WriteAsync(photo, stop.Token);
                }
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, CancellationToken.None);
        var decode = ProduceAsync(queue.Reader, decoded.Writer, _options.DecodeParallelism, processor.Process, stop.Token);
        var embed = Task.Run(() => EmbedAll(decoded.Reader, results.Writer, stop.Token), CancellationToken.None);
        // Small batches: each photo is costly, so a crash should lose little of it.
        var write = Task.Run(() => WriteAll(catalog, results.Reader, 16, Record), CancellationToken.None);
        await WhenAllOrFirstFailure(stop, write, feed, decode, embed);
    }

    /// <summary>
    /// The model stage: gathers preprocessed photos into batches (whatever is ready, up to the batch size, so the
    /// model never waits for a full batch) and passes everything on to the writer. When the run stops (Ctrl+C, or
    /// the writer failed) photos still waiting are dropped: their stages stay pending for the next run.
    /// </summary>
    private async Task EmbedAll(ChannelReader<ProcessedPhoto> input, ChannelWriter<ProcessedPhoto> output, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<ProcessedPhoto>(_options.EmbeddingBatchSize);
            while (await input.WaitToReadAsync(cancellationToken))
            {
                while (batch.Count < _options.EmbeddingBatchSize && input.TryRead(out var item))
                {
                    if (item.Pixels is null || _options.Encoder is null)
                    {
                        item.Pixels = null;
                        await output.WriteAsync(item, cancellationToken);
                    }
                    else
                    {
                        batch.Add(item);
                    }
                }
                if (batch.Count > 0)
                {
                    Embed(batch, _options.Encoder!, _options.Model!);
                    foreach (var item in batch)
                    {
                        await output.WriteAsync(item, cancellationToken);
                    }
                    batch.Clear();
                }
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    private static void Embed(List<ProcessedPhoto> batch, IImageEncoder encoder, ModelIdentity model)
    {
        var stage = Stages.Embedding(model);
        try
        {
            var vectors = encoder.Encode([.. batch.Select(p => p.Pixels!)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Vector = vectors[i];
                batch[i].Outcomes[stage] = null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException and not LibraryUnavailableException)
        {
            foreach (var photo in batch)
            {
                photo.Outcomes[stage] = $"the model failed: {e.Message}";
            }
        }
        foreach (var photo in batch)
        {
            photo.Pixels = null; // the pixels are large; only the vector goes on
        }
    }

    private void RequeueMissingThumbnails(SqliteCatalog catalog)
    {
        var store = new ThumbnailStore(_options.LibraryFolder);
        var now = DateTimeOffset.UtcNow;
        var lost = catalog.ListDone(Stages.Thumbnails).Where(photo => !store.Exists(photo.Hash)).ToList();
        using var batch = catalog.BeginBatch();
        foreach (var (photoId, _) in lost)
        {
            batch.SetStage(photoId, Stages.Thumbnails, StageState.Pending, null, now);
        }
        batch.Commit();
    }

    private Scanned Scan(FoundFile file, Dictionary<string, KnownLocation> known)
    {
        _tally.FileFound();
        var isKnown = known.TryGetValue(file.Path, out var location);
        if (isKnown && location!.Size == file.Size && location.ModifiedTicks == file.ModifiedTicks)
        {
            return new Scanned(file, location, null);
        }
        return new Scanned(file, location, FileIdentifier.Identify(file));
    }

    private void Record(CatalogBatch batch, Scanned item, Dictionary<long, string> failedPhotos)
    {
        var now = DateTimeOffset.UtcNow;
        var file = item.File;
        switch (item.Identification)
        {
            case null:
                RecordUnchanged(batch, item.Known!, file.Path, failedPhotos, now);
                break;
            case Identification.Image image:
                var link = batch.LinkFile(file.Path, file.Root, image.Size, image.ModifiedTicks, image.Hash, image.Format, now);
                if (failedPhotos.TryGetValue(link.PhotoId, out var reason))
                {
                    _tally.Failed(file.Path, reason);
                }
                else if (item.Known is not null)
                {
                    _tally.Changed(file.Path);
                }
                else if (link.PhotoIsNew)
                {
                    _tally.New(file.Path);
                }
                else
                {
                    _tally.Copied(file.Path, link.PhotoId);
                }
                break;
            case Identification.NotImage:
                batch.RecordIgnored(file.Path, file.Root, file.Size, file.ModifiedTicks, now);
                _tally.Ignored(hashed: false);
                break;
            case Identification.Failed failed:
                batch.RecordFailure(file.Path, file.Root, file.Size, file.ModifiedTicks, failed.Reason, now);
                _tally.Failed(file.Path, failed.Reason);
                break;
            case Identification.Vanished when item.Known is null && ImageSniffer.HasImageExtension(file.Path):
                _tally.Failed(file.Path, "vanished between listing and reading");
                break;
            case Identification.Vanished:
                // A catalogued file that vanished is marked missing at the end of the walk; anything else is no loss.
                break;
        }
    }

    private void RecordUnchanged(CatalogBatch batch, KnownLocation known, string path, Dictionary<long, string> failedPhotos, DateTimeOffset now)
    {
        batch.Touch(known.Id, now);
        if (known.Status == LocationStatus.Ignored)
        {
            _tally.Ignored(hashed: false);
        }
        else if (known.Status == LocationStatus.Failed)
        {
            _tally.Failed(path, known.Reason ?? "failed in an earlier run");
        }
        else if (known.PhotoId is { } photoId && failedPhotos.TryGetValue(photoId, out var reason))
        {
            _tally.Failed(path, reason);
        }
        else
        {
            _tally.Unchanged(path);
        }
    }

    private void Record(CatalogBatch batch, ProcessedPhoto result)
    {
        if (result.Outcomes.Count == 0)
        {
            return; // skipped: the file changed since it was hashed, or the run was stopped
        }
        var now = DateTimeOffset.UtcNow;
        var photo = result.Photo;
        if (result.Metadata is not null)
        {
            batch.SaveMetadata(photo.PhotoId, result.Metadata);
        }
        if (result.Vector is not null)
        {
            batch.SaveEmbedding(photo.PhotoId, _options.Model!, result.Vector);
        }
        foreach (var (stage, reason) in result.Outcomes)
        {
            batch.SetStage(photo.PhotoId, stage, reason is null ? StageState.Done : StageState.Failed, reason, now);
        }
        _tally.PhotoProcessed();
        if (result.Outcomes.Values.FirstOrDefault(reason => reason is not null) is { } failure)
        {
            _tally.PhotoFailed(photo.Path, failure);
        }
    }

    /// <summary>Runs <paramref name="work"/> on items from <paramref name="input"/> with a fixed parallelism, completing <paramref name="output"/> at the end.</summary>
    private static Task ProduceAsync<TIn, TOut>(
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
    private static async Task WriteAll<T>(SqliteCatalog catalog, ChannelReader<T> input, int batchSize, Action<CatalogBatch, T> record)
    {
        while (await input.WaitToReadAsync(CancellationToken.None))
        {
            using var batch = catalog.BeginBatch();
            for (var count = 0; count < batchSize && input.TryRead(out var item); count++)
            {
                record(batch, item);
            }
            batch.Commit();
        }
    }

    /// <summary>
    /// Waits for every stage. When one fails, the others are cancelled, and the failure that explains the stop
    /// (a library problem first) is the one thrown.
    /// </summary>
    private static async Task WhenAllOrFirstFailure(CancellationTokenSource stop, params Task[] stages)
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
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
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

    private sealed record Scanned(FoundFile File, KnownLocation? Known, Identification? Identification);
}
