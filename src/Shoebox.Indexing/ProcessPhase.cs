using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Encoders;
using Shoebox.Models.Ocr;
using Shoebox.Models.Onnx;

namespace Shoebox.Indexing;

/// <summary>
/// The process phase, shared by `shoebox index` (all pending photos) and `shoebox worker` (a claimed batch):
/// read (archive entries through a spool) -> decode once for every stage, in parallel -> model batches -> record in
/// short catalog transactions. It runs in two passes: first what search needs (metadata, thumbnail, pHash, vector)
/// for every photo, then the text in them, which costs more per photo than all the rest; so a large first index is
/// searchable long before it ends.
/// </summary>
internal sealed class ProcessPhase(IndexingPipeline pipeline, RunTally tally, ILogger logger)
{
    /// <summary>The stages of the second pass.</summary>
    public static readonly IReadOnlyList<string> SecondPass = [Stages.Ocr, Stages.Faces];

    // Small batches: each photo is costly, so a crash should lose little of it.
    private const int WriteBatchSize = 16;

    // A GPU is only kept busy by large batches; on a CPU larger ones add latency and memory, not speed.
    private const int AcceleratorBatchSize = 64;

    private readonly IndexSettings _settings = pipeline.Settings;
    private readonly IndexingServices _services = pipeline.Services;

    private int BatchSize => _services.Encoder is OnnxImageEncoder { Provider: not OnnxSessionFactory.Cpu }
        ? Math.Max(AcceleratorBatchSize, _settings.EmbeddingBatchSize)
        : _settings.EmbeddingBatchSize;

    /// <summary>Queues the stages of this pipeline's model and text reading; idempotent, so every worker may do it.</summary>
    public async Task PrepareAsync(PhotoCatalog catalog)
    {
        if (_settings.ReadText)
        {
            await catalog.Stages.QueueAsync(Stages.Ocr);
        }
        if (_settings.FindFaces)
        {
            await catalog.Stages.QueueAsync(Stages.Faces);
        }
        if (_services.Model is not { } model)
        {
            return;
        }
        var source = _services.ModelSource ?? model.Id;
        await catalog.Vectors.RegisterModelAsync(model, new { model.Id, model.Version, model.Dimensions, decodeSize = _services.Encoder?.DecodeSize, source });
        // The model last asked for decides between models holding as many vectors (see LibraryModel).
        if (_services.ModelAskedFor || await catalog.Settings.GetAsync(SettingStore.DefaultModel) is null)
        {
            await catalog.Settings.SetAsync(SettingStore.DefaultModel, source);
        }
        await catalog.Stages.QueueAsync(Stages.Embedding(model));
    }

    public PhotoProcessor CreateProcessor() =>
        new(new ImageDecoder(_settings.Decode), new ThumbnailStore(pipeline.Library.Folder), _services.Encoder, _settings.ReadText ? _services.TextReader : null,
            _settings.FindFaces ? _services.Faces : null);

    /// <summary>Every photo of the library with a stage this pipeline can do, in two passes.</summary>
    public async Task ProcessPendingAsync(PhotoCatalog catalog, CancellationToken cancellationToken)
    {
        var processor = CreateProcessor();
        await catalog.Stages.QueueAsync(Stages.PerceptualHash); // photos catalogued before the stage existed
        var first = (await catalog.Stages.ListPendingAsync(processor.Handles)).Select(FirstPassOf).OfType<PendingPhoto>().ToList();
        tally.StartProcessing(first.Count);
        IndexingLog.ProcessingStarted(logger, first.Count);
        // Photos whose pixels the first pass could not decode: reading their text would fail again the same way.
        var undecodable = new Dictionary<long, string>();
        await RunPassAsync(catalog, first, processor, async (writer, result) =>
        {
            await RecordAsync(writer, result);
            if (result.Outcomes.GetValueOrDefault(Stages.Thumbnails) is { } reason)
            {
                undecodable[result.Photo.PhotoId] = reason;
            }
        }, cancellationToken);
        var second = processor.Handles.Intersect(SecondPass).ToList();
        if (second.Count == 0 || cancellationToken.IsCancellationRequested)
        {
            return;
        }
        var reading = await FailUndecodableAsync(catalog, await catalog.Stages.ListPendingAsync(second), undecodable);
        tally.StartReading(reading.Count);
        IndexingLog.ReadingStarted(logger, reading.Count);
        await RunPassAsync(catalog, reading, processor, RecordAsync, cancellationToken);
    }

    // Their second-pass stages fail with the first pass's reason, as they would have, without decoding them again.
    private static async Task<List<PendingPhoto>> FailUndecodableAsync(PhotoCatalog catalog, List<PendingPhoto> reading, Dictionary<long, string> undecodable)
    {
        if (undecodable.Count == 0)
        {
            return reading;
        }
        var now = DateTimeOffset.UtcNow;
        await using var batch = await catalog.BeginBatchAsync();
        foreach (var photo in reading.Where(p => undecodable.ContainsKey(p.PhotoId)))
        {
            foreach (var stage in photo.Stages)
            {
                await catalog.Stages.SetAsync(photo.PhotoId, stage, StageState.Failed, undecodable[photo.PhotoId], now);
            }
        }
        await batch.CommitAsync();
        return [.. reading.Where(p => !undecodable.ContainsKey(p.PhotoId))];
    }

    /// <summary>
    /// What of the photo's pending work belongs to the first pass; null when nothing does. An archive entry does all of
    /// it at once: reaching its bytes again would cost another pass through its archive.
    /// </summary>
    public static PendingPhoto? FirstPassOf(PendingPhoto photo)
    {
        if (photo.Content is ArchiveEntry)
        {
            return photo;
        }
        var stages = photo.Stages.Except(SecondPass).ToList();
        return stages.Count == 0 ? null : photo with { Stages = stages };
    }

    private async Task RunPassAsync(
        PhotoCatalog catalog, List<PendingPhoto> pending, PhotoProcessor processor, Func<PhotoCatalog, ProcessedPhoto, Task> record, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var spool = new ContentSpool(pipeline.Library.Folder);
        spool.Clear();
        try
        {
            await RunAsync(catalog, pending, processor.Process, spool, record, cancellationToken);
        }
        finally
        {
            spool.Clear();
        }
    }

    /// <summary>
    /// The pipeline over <paramref name="pending"/>: read (archive entries through <paramref name="spool"/>) ->
    /// <paramref name="process"/> in parallel -> model batches -> <paramref name="record"/> in short catalog transactions.
    /// </summary>
    public async Task RunAsync(
        PhotoCatalog catalog, IReadOnlyList<PendingPhoto> pending, Func<Readable, ProcessedPhoto> process, ContentSpool spool,
        Func<PhotoCatalog, ProcessedPhoto, Task> record, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<Readable>(64);
        // Room for two model batches per run at once: decoding runs ahead of the model, and no further (each item
        // holds pixels).
        var runs = Math.Max(1, _services.Encoder?.RunsAtOnce ?? 1);
        var capacity = 2 * BatchSize * runs;
        var decoded = Channel.CreateBounded<ProcessedPhoto>(new BoundedChannelOptions(capacity) { SingleReader = runs == 1 });
        var results = Channel.CreateBounded<ProcessedPhoto>(new BoundedChannelOptions(capacity) { SingleReader = true });

        var feed = Task.Run(async () =>
        {
            try
            {
                foreach (var readable in spool.Prepare(pending, stop.Token))
                {
                    await queue.Writer.WriteAsync(readable, stop.Token);
                }
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, CancellationToken.None);
        var decode = PipelineChannels.ProduceAsync(queue.Reader, decoded.Writer, _settings.DecodeParallelism, readable =>
        {
            try
            {
                return process(readable);
            }
            finally
            {
                if (readable.Temporary)
                {
                    File.Delete(readable.File);
                }
            }
        }, stop.Token);
        var embed = EmbedAllAsync(decoded.Reader, results.Writer, runs, stop.Token);
        var write = Task.Run(() => PipelineChannels.WriteAllAsync(catalog, results.Reader, WriteBatchSize, record), CancellationToken.None);
        await PipelineChannels.WhenAllOrFirstFailure(stop, write, feed, decode, embed);
    }

    /// <summary>Writes what one photo's stages gave, and how each stage ended.</summary>
    public async Task RecordAsync(PhotoCatalog catalog, ProcessedPhoto result)
    {
        if (result.Outcomes.Count == 0)
        {
            return; // skipped: the file changed since it was hashed, or the run was stopped
        }
        var now = DateTimeOffset.UtcNow;
        var photo = result.Photo;
        if (result.Metadata is not null)
        {
            await catalog.Facts.SaveMetadataAsync(photo.PhotoId, result.Metadata);
        }
        if (result.PerceptualHash is { } print)
        {
            await catalog.Duplicates.SavePrintAsync(photo.PhotoId, print);
        }
        if (result.TextLines is not null)
        {
            await catalog.Texts.SaveOcrAsync(photo.PhotoId, OcrEngine.Source, result.TextLines);
        }
        if (result.Faces is not null)
        {
            await catalog.Faces.SaveAsync(photo.PhotoId, _services.Faces!.Version, result.Faces);
        }
        if (result.Vector is not null)
        {
            await catalog.Vectors.SaveAsync(photo.PhotoId, _services.Model!, result.Vector);
            await (_services.Vectors?.AddAsync(photo.PhotoId, result.Vector) ?? Task.CompletedTask);
        }
        foreach (var (stage, reason) in result.Outcomes)
        {
            await catalog.Stages.SetAsync(photo.PhotoId, stage, reason is null ? StageState.Done : StageState.Failed, reason, now);
        }
        if (_settings.Tag && (result.TextLines is not null || result.Vector is not null || result.Metadata is not null))
        {
            await catalog.Stages.SetAsync(photo.PhotoId, Stages.Tags, StageState.Pending, null, now); // tagged from what it now has
        }
        if (_settings.Places && _services.Places is not null && result.Metadata is not null)
        {
            await catalog.Stages.SetAsync(photo.PhotoId, Stages.Places, StageState.Pending, null, now); // its coordinates may have changed
        }
        tally.PhotoRecorded(photo.PhotoId, firstPass: result.Outcomes.Keys.Any(stage => !SecondPass.Contains(stage)));
        if (result.Outcomes.Values.FirstOrDefault(reason => reason is not null) is { } failure)
        {
            tally.PhotoFailed(photo.Path, failure);
            IndexingLog.PhotoFailed(logger, photo.Path, failure);
        }
    }

    /// <summary>Sets the thumbnail stage pending again for photos whose thumbnails were deleted (derived data).</summary>
    public async Task RequeueMissingThumbnailsAsync(PhotoCatalog catalog)
    {
        var store = new ThumbnailStore(pipeline.Library.Folder);
        var now = DateTimeOffset.UtcNow;
        var lost = (await catalog.Stages.ListDoneAsync(Stages.Thumbnails)).Where(photo => !store.Exists(photo.Hash)).ToList();
        await using var batch = await catalog.BeginBatchAsync();
        foreach (var (photoId, _) in lost)
        {
            await catalog.Stages.SetAsync(photoId, Stages.Thumbnails, StageState.Pending, null, now);
        }
        await batch.CommitAsync();
    }

    /// <summary>
    /// The model stage: <paramref name="runs"/> loops (one per model run that can go at once), each gathering
    /// preprocessed photos into batches (whatever is ready, up to the batch size, so the model never waits for a
    /// full batch) and passing everything on to the writer. When the run stops (Ctrl+C, or the writer failed) photos
    /// still waiting are dropped: their stages stay pending for the next run.
    /// </summary>
    private async Task EmbedAllAsync(ChannelReader<ProcessedPhoto> input, ChannelWriter<ProcessedPhoto> output, int runs, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => Task.Run(() => EmbedEachAsync(input, output, cancellationToken), CancellationToken.None)));
        }
        finally
        {
            output.TryComplete();
        }
    }

    private async Task EmbedEachAsync(ChannelReader<ProcessedPhoto> input, ChannelWriter<ProcessedPhoto> output, CancellationToken cancellationToken)
    {
        var batch = new List<ProcessedPhoto>(BatchSize);
        while (await input.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < BatchSize && input.TryRead(out var item))
            {
                if (item.Pixels is null || _services.Encoder is null)
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
                Embed(batch, _services.Encoder!, _services.Model!);
                foreach (var item in batch)
                {
                    await output.WriteAsync(item, cancellationToken);
                }
                batch.Clear();
            }
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
}
