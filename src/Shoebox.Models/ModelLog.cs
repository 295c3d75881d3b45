using Microsoft.Extensions.Logging;

namespace Shoebox.Models;

/// <summary>
/// What loading and fetching models leaves in a host's log (a worker's, the web app's): which execution provider
/// each model runs on and why a better one was passed over, and every download. Event ids 100-199 are this project's.
/// </summary>
internal static partial class ModelLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Opened {Model} on {Provider} in {Milliseconds} ms")]
    public static partial void SessionOpened(ILogger logger, string model, string provider, long milliseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Passed over an execution provider for {Model}: {Reason}")]
    public static partial void ProviderSkipped(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Downloading {File} from {Url}")]
    public static partial void Downloading(ILogger logger, string file, Uri url);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Downloaded {File} to {Destination} in {Seconds:0.#} s")]
    public static partial void Downloaded(ILogger logger, string file, string destination, double seconds);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Downloading {File} failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Checked the files of {Model} put in {Folder} by hand")]
    public static partial void InstalledByHand(ILogger logger, string model, string folder);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "OCR models from {Folder} ready on {Provider}")]
    public static partial void OcrReady(ILogger logger, string folder, string provider);
}
