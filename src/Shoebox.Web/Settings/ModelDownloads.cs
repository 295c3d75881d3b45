using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Web.Settings;

/// <summary>
/// Model downloads the Settings page started, run in the server through the model store (checked against their
/// SHA-256, resumed from what an earlier try left), one per model; their progress is read by GET /api/settings.
/// </summary>
internal sealed class ModelDownloads(StoreOptions store, ILogger logger) : IAsyncDisposable
{
    private readonly ModelStore _store = new(store, logger: logger);
    private readonly ConcurrentDictionary<string, Download> _downloads = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    public StoreOptions Options => store;

    public bool IsInstalled(ModelDescriptor model) => _store.Find(model) is not null;

    public DownloadState? Of(string id) => _downloads.TryGetValue(id, out var download) ? download.State : null;

    /// <summary>Once the model's download has ended (finished, failed, or stopped with the server): its state then.</summary>
    public async Task<DownloadState?> WhenEndedAsync(string id)
    {
        if (_downloads.TryGetValue(id, out var download))
        {
            await download.Task;
        }
        return Of(id);
    }

    /// <summary>
    /// Starts the download unless one runs already. With downloads off (--offline) it fails at once, with what to do
    /// instead (the files to fetch by hand and where they go), as the CLI says it.
    /// </summary>
    /// <exception cref="ModelUnavailableException">Downloads are off and the model is not installed.</exception>
    public async Task<DownloadState> StartAsync(ModelDescriptor model)
    {
        if (store.Offline)
        {
            // No network is touched: the store only checks what is on disk, and says how to put the files there.
            await _store.EnsureAsync(model, null, CancellationToken.None);
            return DownloadState.Installed(model);
        }
        var download = _downloads.AddOrUpdate(model.Id, _ => new Download(model), (_, running) => running.State.State == DownloadState.Running ? running : new Download(model));
        if (download.TryBegin())
        {
            download.Task = Task.Run(() => RunAsync(download, _stop.Token));
        }
        return download.State;
    }

    private async Task RunAsync(Download download, CancellationToken cancellationToken)
    {
        try
        {
            await _store.EnsureAsync(download.Model, new Progress(download), cancellationToken);
            download.Finish(null);
        }
        catch (ModelUnavailableException e)
        {
            download.Finish(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: the partial files stay, and the next download resumes from them.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            download.Finish($"{download.Model.Id} could not be written to {store.Folder}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_downloads.Values.Select(d => d.Task));
        _stop.Dispose();
    }

    // Reported per file; the page shows the model's bytes, so each file's latest count is kept and summed.
    private sealed class Progress(Download download) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => download.Report(value);
    }

    private sealed class Download(ModelDescriptor model)
    {
        private readonly ConcurrentDictionary<string, long> _files = new(StringComparer.Ordinal);
        private int _begun;
        private volatile string? _error;
        private volatile bool _finished;

        public ModelDescriptor Model => model;

        public Task Task { get; set; } = Task.CompletedTask;

        public DownloadState State => new(
            _finished ? _error is null ? DownloadState.Finished : DownloadState.Failed : DownloadState.Running,
            _files.Values.Sum(),
            model.DownloadSize,
            _error);

        public bool TryBegin() => Interlocked.Exchange(ref _begun, 1) == 0;

        public void Report(DownloadProgress progress) => _files[progress.File] = progress.Done;

        public void Finish(string? error)
        {
            _error = error;
            _finished = true;
        }
    }
}

/// <summary>A model download as GET /api/settings shows it: <see cref="Error"/> says why it failed and what to do instead.</summary>
public sealed record DownloadState(string State, long Done, long? Total, string? Error)
{
    public const string Running = "running";
    public const string Finished = "done";
    public const string Failed = "failed";

    public static DownloadState Installed(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(Finished, model.DownloadSize ?? 0, model.DownloadSize, null);
    }
}
