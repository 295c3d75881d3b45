using Microsoft.Extensions.Logging;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Indexing;

/// <summary>Set-up messages as log entries, for hosts without a terminal (a server, a worker); downloads log themselves.</summary>
public sealed class LoggedFeedback(ILogger logger) : IIndexingFeedback
{
    public Task<T> DownloadAsync<T>(Func<IProgress<DownloadProgress>?, Task<T>> download)
    {
        ArgumentNullException.ThrowIfNull(download);
        return download(null);
    }

    public void ModelUnavailable(string model, ModelUnavailableException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        IndexingLog.ModelUnavailable(logger, problem.Message);
    }

    public void ModelLoaded(ModelDescriptor model, string provider)
    {
        ArgumentNullException.ThrowIfNull(model);
        IndexingLog.ModelLoaded(logger, model.Id, model.Version, provider);
    }

    public void ModelUnloadable(string folder, string reason) => IndexingLog.ModelUnloadable(logger, folder, reason);

    public void NoVectors() => IndexingLog.NoVectors(logger);

    public void TextTowerUnloadable(string model, string reason) => IndexingLog.TextTowerUnloadable(logger, model, reason);

    public void TextReaderUnavailable(string reason) => IndexingLog.TextReaderUnavailable(logger, reason);

    public void FaceReaderUnavailable(string reason) => IndexingLog.FaceReaderUnavailable(logger, reason);

    public void PlacesUnavailable(string reason) => IndexingLog.PlacesUnavailable(logger, reason);
}
