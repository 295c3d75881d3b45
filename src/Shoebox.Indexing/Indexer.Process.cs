using System.Threading.Channels;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Indexing;

/// <summary>The process phase: decode pending photos once for every stage, batch them through the model, record.</summary>
public sealed partial class Indexer
{
    private async Task PrepareModelAsync(PhotoCatalog catalog)
    {
        if (_options.ReadText)
        {
            await catalog.Stages.QueueAsync(Stages.Ocr);
        }
        if (_options.Model is not { } model)
        {
            return;
        }
        var encoder = _options.Encoder;
        await catalog.Vectors.RegisterModelAsync(model, new { model.Id, model.Version, model.Dimensions, decodeSize = encoder?.DecodeSize });
        if (await catalog.Settings.GetAsync(SettingStore.DefaultModel) is null)
        {
            await catalog.Settings.SetAsync(SettingStore.DefaultModel, _options.ModelSource ?? model.Id);
        }
        await catalog.Stages.QueueAsync(Stages.Embedding(model));
    }

    private PhotoProcessor CreateProcessor() =>
        new(new ImageDecoder(_options.Decode), new ThumbnailStore(_options.Library.Folder), _options.Encoder, _options.ReadText ? _options.TextReader : null);

    private async Task ProcessAsync(PhotoCatalog catalog, CancellationToken cancellationToken)
    {
        var processor = CreateProcessor();
        await catalog.Stages.QueueAsync(Stages.PerceptualHash); // photos catalogued before the stage existed
        var pending = await catalog.Stages.ListPendingAsync(processor.Handles);
        _tally.StartProcessing(pending.Count);
        if (pending.Count == 0)
        {
            return;
        }
        var spool = new ContentSpool(_options.Library.Folder);
        spool.Clear();
        try
        {
            await ProcessPhotosAsync(catalog, pending, processor.Process, spool, RecordAsync, cancellationToken);
        }
        finally
        {
            spool.Clear();
        }
    }

    /// <summary>
    /// The pipeline over <paramref name="pending"/> (all of a library's pending photos, or a worker's claimed batch):
    /// read (archive entries through <paramref name="spool"/>) -> <paramref name="process"/> in parallel -> model
    /// batches -> <paramref name="record"/> in short catalog transactions.
    /// </summary>
    private async Task ProcessPhotosAsync(
        PhotoCatalog catalog, IReadOnlyList<PendingPhoto> pending, Func<Readable, ProcessedPhoto> process, ContentSpool spool,
        Func<PhotoCatalog, ProcessedPhoto, Task> record, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<Readable>(64);
        // Room for two model batches: decoding runs ahead of the model, and no further (each item holds pixels).
        var capacity = 2 * _options.EmbeddingBatchSize;
        var decoded = Channel.CreateBounded<ProcessedPhoto>(new BoundedChannelOptions(capacity) { SingleReader = true });
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
        var decode = ProduceAsync(queue.Reader, decoded.Writer, _options.DecodeParallelism, readable =>
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
        var embed = Task.Run(() => EmbedAll(decoded.Reader, results.Writer, stop.Token), CancellationToken.None);
        // Small batches: each photo is costly, so a crash should lose little of it.
        var write = Task.Run(() => WriteAllAsync(catalog, results.Reader, 16, record), CancellationToken.None);
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

    private async Task RequeueMissingThumbnailsAsync(PhotoCatalog catalog)
    {
        var store = new ThumbnailStore(_options.Library.Folder);
        var now = DateTimeOffset.UtcNow;
        var lost = (await catalog.Stages.ListDoneAsync(Stages.Thumbnails)).Where(photo => !store.Exists(photo.Hash)).ToList();
        await using var batch = await catalog.BeginBatchAsync();
        foreach (var (photoId, _) in lost)
        {
            await catalog.Stages.SetAsync(photoId, Stages.Thumbnails, StageState.Pending, null, now);
        }
        await batch.CommitAsync();
    }

    private async Task RecordAsync(PhotoCatalog catalog, ProcessedPhoto result)
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
            await catalog.Texts.SaveOcrAsync(photo.PhotoId, Shoebox.Models.Ocr.OcrEngine.Source, result.TextLines);
        }
        if (result.Vector is not null)
        {
            await catalog.Vectors.SaveAsync(photo.PhotoId, _options.Model!, result.Vector);
        }
        foreach (var (stage, reason) in result.Outcomes)
        {
            await catalog.Stages.SetAsync(photo.PhotoId, stage, reason is null ? StageState.Done : StageState.Failed, reason, now);
        }
        if (_options.Tag && (result.TextLines is not null || result.Vector is not null || result.Metadata is not null))
        {
            await catalog.Stages.SetAsync(photo.PhotoId, Stages.Tags, StageState.Pending, null, now); // tagged from what it now has
        }
        _tally.PhotoProcessed();
        if (result.Outcomes.Values.FirstOrDefault(reason => reason is not null) is { } failure)
        {
            _tally.PhotoFailed(photo.Path, failure);
        }
    }
}
