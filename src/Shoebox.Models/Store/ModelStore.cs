using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Store;

/// <summary>
/// The models on this machine: one folder per model id under <see cref="StoreOptions.Folder"/>, holding the
/// repository's files at their repository paths plus a manifest written once every file is complete and
/// checked. Models that ship with Shoebox are read from the application folder and never downloaded.
/// </summary>
public sealed class ModelStore
{
    private const string ManifestName = "shoebox-model.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly StoreOptions _options;
    private readonly HttpMessageHandler? _handler;
    private readonly ILogger _logger;

    /// <param name="logger">Told of every download, so that a host's log says where its models came from.</param>
    public ModelStore(StoreOptions options, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
    }

    public StoreOptions Options => _options;

    public string FolderOf(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Repository is null
            ? Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx")
            : Path.Combine(_options.Folder, model.Id);
    }

    /// <summary>The model when every file is present (and, for downloads, recorded complete in the manifest); else null.</summary>
    public InstalledModel? Find(ModelDescriptor model)
    {
        var folder = FolderOf(model);
        var complete = model.Repository is null || File.Exists(Path.Combine(folder, ManifestName));
        return complete && model.Files.All(f => File.Exists(Path.Combine(folder, f.Path))) ? new InstalledModel(model, folder) : null;
    }

    /// <summary>The installed model, downloading what is missing unless downloads are off.</summary>
    public async Task<InstalledModel> EnsureAsync(ModelDescriptor model, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Find(model) is { } installed)
        {
            return installed;
        }
        if (model.Repository is null)
        {
            throw new ModelUnavailableException($"{model.Id} ships with Shoebox, but its file is missing from {FolderOf(model)}. Reinstall Shoebox.");
        }
        if (model.Files.All(f => File.Exists(Path.Combine(FolderOf(model), f.Path))))
        {
            // Put in place by hand (no network needed): checked against pinned hashes, then recorded as installed.
            var placed = FolderOf(model);
            WriteManifest(model, placed, byHand: true);
            ModelLog.InstalledByHand(_logger, model.Id, placed);
            return new InstalledModel(model, FolderOf(model));
        }
        if (_options.Offline)
        {
            throw new ModelUnavailableException($"{model.Id} is not installed and downloads are turned off (--offline or {StoreOptions.OfflineVariable}).", HowToInstall(model));
        }
        var folder = FolderOf(model);
        Directory.CreateDirectory(folder);
        try
        {
            await DownloadMissingAsync(model, folder, progress, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelUnavailableException($"{model.Id} could not be downloaded: {_options.Endpoint} cannot be reached ({Describe(e)}).", HowToInstall(model), e);
        }
        catch (HttpIOException e)
        {
            throw new ModelUnavailableException($"The download of {model.Id} was cut off ({e.Message}). Run the command again: it resumes where it stopped.", e);
        }
        finally
        {
            // A download that never started leaves no trace; a partial one stays to be resumed.
            if (!Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any())
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return new InstalledModel(model, folder);
    }

    private async Task DownloadMissingAsync(ModelDescriptor model, string folder, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var exclusive = LockFolder(folder, model);
        using var http = CreateClient();
        var downloader = new HubDownloader(http, _options.Endpoint, _options.StallTimeout);
        foreach (var file in model.Files.Where(f => !File.Exists(Path.Combine(folder, f.Path))))
        {
            var url = HubDownloader.UrlOf(_options.Endpoint, model.Repository!, model.Revision, file.Path);
            await LoggedAsync(file.Path, url, Path.Combine(folder, file.Path), () => downloader.DownloadAsync(model, file, Path.Combine(folder, file.Path), progress, cancellationToken));
        }
        WriteManifest(model, folder, byHand: false);
    }

    /// <summary>
    /// Fetches one pinned file from any URL into <paramref name="destination"/>: resumable, checked against its size
    /// and SHA-256, moved into place only when whole. Unreachable hosts and cut-off downloads become
    /// <see cref="ModelUnavailableException"/> with <paramref name="howToInstall"/> appended.
    /// </summary>
    public async Task FetchAsync(Uri url, ModelFile file, string destination, string howToInstall, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(file);
        if (_options.Offline)
        {
            throw new ModelUnavailableException($"{file.Path} is not installed and downloads are turned off (--offline or {StoreOptions.OfflineVariable}).", howToInstall);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        try
        {
            using var exclusive = LockFolder(folder, file.Path);
            using var http = CreateClient();
            await LoggedAsync(file.Path, url, destination, () => new HubDownloader(http, _options.Endpoint, _options.StallTimeout).DownloadAsync(url, file, destination, progress, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelUnavailableException($"{file.Path} could not be downloaded: {url.Host} cannot be reached ({Describe(e)}).", howToInstall, e);
        }
        catch (HttpIOException e)
        {
            throw new ModelUnavailableException($"The download of {file.Path} was cut off ({e.Message}). Run the command again: it resumes where it stopped.", e);
        }
    }

    private async Task LoggedAsync(string file, Uri url, string destination, Func<Task> download)
    {
        ModelLog.Downloading(_logger, file, url);
        var clock = Stopwatch.StartNew();
        try
        {
            await download();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ModelLog.DownloadFailed(_logger, file, e.Message);
            throw;
        }
        ModelLog.Downloaded(_logger, file, destination, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Checks every file of an installed model against its size and hash.</summary>
    public IReadOnlyList<FileCheck> Verify(ModelDescriptor model)
    {
        var folder = FolderOf(model);
        var manifest = ReadManifest(folder);
        var checks = new List<FileCheck>();
        foreach (var file in model.Files)
        {
            var path = Path.Combine(folder, file.Path);
            var recorded = manifest?.Files.FirstOrDefault(f => f.Path == file.Path);
            var size = file.Size ?? recorded?.Size;
            var hash = file.Sha256 ?? recorded?.Sha256;
            if (!File.Exists(path))
            {
                checks.Add(new FileCheck(file.Path, FileState.Missing));
            }
            else if (size is { } expected && new FileInfo(path).Length != expected)
            {
                checks.Add(new FileCheck(file.Path, FileState.WrongSize, $"{new FileInfo(path).Length:N0} bytes, expected {expected:N0}"));
            }
            else if (hash is not null && !string.Equals(HashOf(path), hash, StringComparison.OrdinalIgnoreCase))
            {
                checks.Add(new FileCheck(file.Path, FileState.WrongHash, $"SHA-256 differs from {hash}"));
            }
            else
            {
                checks.Add(new FileCheck(file.Path, FileState.Ok, recorded is { Checked: false }
                    ? "installed by hand: unchanged since, but never checked against a published hash"
                    : null));
            }
        }
        return checks;
    }

    /// <summary>Deletes a downloaded model (and any partial download of it). Returns false when there was nothing.</summary>
    public bool Remove(ModelDescriptor model)
    {
        if (model.Repository is null)
        {
            throw new ModelUnavailableException($"{model.Id} ships with Shoebox and cannot be removed.");
        }
        var folder = FolderOf(model);
        if (!Directory.Exists(folder))
        {
            return false;
        }
        Directory.Delete(folder, recursive: true);
        return true;
    }

    /// <summary>What a user without network access does instead: which files, from where, to where.</summary>
    public string HowToInstall(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var files = string.Join(Environment.NewLine, model.Files.Select(f =>
            $"  {HubDownloader.UrlOf(_options.Endpoint, model.Repository!, model.Revision, f.Path)}{Environment.NewLine}    -> {Path.Combine(FolderOf(model), f.Path)}"));
        return $"To install it by hand, download these files and put them here:{Environment.NewLine}{files}{Environment.NewLine}" +
            $"then run `shoebox models pull {model.Id}` (it checks them and finishes), or use --model DIR with a folder in the Hugging Face layout.";
    }

    private HttpClient CreateClient()
    {
        var handler = _handler ?? new SocketsHttpHandler { ConnectTimeout = _options.ConnectTimeout, AllowAutoRedirect = false };
        return new HttpClient(handler, disposeHandler: _handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // large files take long; stalls end by the connect timeout or Ctrl+C
            DefaultRequestHeaders = { { "User-Agent", "shoebox" } },
        };
    }

    private static FileStream LockFolder(string folder, ModelDescriptor model) => LockFolder(folder, model.Id);

    private static FileStream LockFolder(string folder, string name)
    {
        try
        {
            return new FileStream(Path.Combine(folder, ".download.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new ModelUnavailableException($"Another shoebox process is downloading {name}; wait for it to finish.", e);
        }
    }

    // Files that were already in place (copied by hand) are checked here as they would have been on download.
    private static void WriteManifest(ModelDescriptor model, string folder, bool byHand)
    {
        var files = model.Files.Select(f =>
        {
            var path = Path.Combine(folder, f.Path);
            var hash = HashOf(path);
            if (f.Sha256 is not null && !string.Equals(hash, f.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelUnavailableException($"{path} does not match the SHA-256 Shoebox expects for {model.Id} ({f.Sha256}). Delete it and pull again.");
            }
            return new ManifestFile(f.Path, new FileInfo(path).Length, hash, Checked: f.Sha256 is not null || !byHand);
        }).ToList();
        var manifest = new Manifest(model.Id, model.Version, model.Repository, model.Revision, DateTimeOffset.UtcNow, files);
        File.WriteAllText(Path.Combine(folder, ManifestName), JsonSerializer.Serialize(manifest, Json));
    }

    private static Manifest? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged manifest only means hashes must come from the registry
        }
    }

    private static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException { InnerException: SocketException socket } => socket.SocketErrorCode switch
        {
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the name does not resolve: no internet connection?",
            SocketError.ConnectionRefused => "connection refused",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
            _ => socket.Message,
        },
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the name does not resolve: no internet connection?",
        TaskCanceledException => "no answer in time",
        _ => e.Message,
    };

    private sealed record Manifest(string Id, string Version, string? Repository, string Revision, DateTimeOffset Installed, IReadOnlyList<ManifestFile> Files);

    /// <param name="Checked">False for a file put in place by hand that no pinned hash vouches for: its recorded hash only detects later damage.</param>
    private sealed record ManifestFile(string Path, long Size, string Sha256, bool Checked = true);
}
