using Microsoft.Extensions.Logging;

namespace Shoebox.Indexing;

/// <summary>
/// What indexing leaves in a host's log, so that a worker on another machine or a server's background runs can be
/// followed afterwards. Event ids: 200-249 runs, 250-299 setting up, 300-349 the worker.
/// </summary>
internal static partial class IndexingLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Indexing {Roots} folders and {Libraries} photo libraries into {Library}")]
    public static partial void RunStarted(ILogger logger, int roots, int libraries, string library);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Photos} photos to process")]
    public static partial void ProcessingStarted(ILogger logger, int photos);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "{Photos} photos to read the text of")]
    public static partial void ReadingStarted(ILogger logger, int photos);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information,
        Message = "Indexed in {Seconds} s: {Found} found, {New} new, {Changed} changed, {Moved} moved, {Missing} missing, {Failed} failed; {Processed} processed, {Tagged} tagged")]
    public static partial void RunFinished(ILogger logger, double seconds, int found, int @new, int changed, int moved, int missing, int failed, int processed, int tagged);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Indexing was stopped after {Seconds} s; what was done is kept")]
    public static partial void RunInterrupted(ILogger logger, double seconds);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "The photo library {Path} could not be read: {Reason}")]
    public static partial void LibraryUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "{Path}: {Reason}")]
    public static partial void PhotoFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 250, Level = LogLevel.Warning, Message = "The model cannot be had: {Reason}")]
    public static partial void ModelUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 251, Level = LogLevel.Information, Message = "Model {Model} ({Version}) on {Provider}")]
    public static partial void ModelLoaded(ILogger logger, string model, string version, string provider);

    [LoggerMessage(EventId = 252, Level = LogLevel.Warning, Message = "The model in {Folder} cannot be loaded: {Reason}")]
    public static partial void ModelUnloadable(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 253, Level = LogLevel.Warning, Message = "Indexing goes on without search vectors; they stay pending until a run has the model")]
    public static partial void NoVectors(ILogger logger);

    [LoggerMessage(EventId = 254, Level = LogLevel.Warning, Message = "The text tower of {Model} cannot be loaded ({Reason}); photos are tagged without it")]
    public static partial void TextTowerUnloadable(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 255, Level = LogLevel.Warning, Message = "Indexing goes on without reading text, which stays pending until a run has the OCR models: {Reason}")]
    public static partial void TextReaderUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 256, Level = LogLevel.Warning, Message = "Indexing goes on without finding faces, which stay pending until a run has the face models: {Reason}")]
    public static partial void FaceReaderUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 259, Level = LogLevel.Warning, Message = "Indexing goes on without naming where photos were taken, until a run has the place data: {Reason}")]
    public static partial void PlacesUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Worker {Worker} claims {Stages} from {Catalog}")]
    public static partial void WorkerStarted(ILogger logger, string worker, IEnumerable<string> stages, string catalog);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Batch {Batch}: {Recorded} of {Claimed} photos done, {Lost} taken over by other workers")]
    public static partial void BatchDone(ILogger logger, int batch, int recorded, int claimed, int lost);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Lost the catalog ({Reason}); trying again in {Seconds:0.##} s.")]
    public static partial void CatalogLost(ILogger logger, string reason, double seconds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "The catalog at {Address} answers again; carrying on.")]
    public static partial void CatalogBack(ILogger logger, string address);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "The catalog has not answered for {Minutes} minutes; giving up: {Reason}")]
    public static partial void GivingUp(ILogger logger, double minutes, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "{Photos} photos are held by other workers; waiting for their leases")]
    public static partial void WaitingForOthers(ILogger logger, int photos);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Renewing the lease failed ({Reason}); a fresh connection is tried at the next renewal")]
    public static partial void RenewalFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Information,
        Message = "Worker {Worker} stopped after {Seconds} s: {Processed} photos in {Batches} batches, {Failed} failed, {Lost} taken over by other workers, {Reconnects} reconnects")]
    public static partial void WorkerFinished(ILogger logger, string worker, double seconds, int processed, int batches, int failed, int lost, int reconnects);
}
