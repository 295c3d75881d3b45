using Shoebox.Core;
using Shoebox.Search.Engine;
using Shoebox.Web.Freshness;
using Shoebox.Web.Settings;

namespace Shoebox.Web.Api;

/// <summary>
/// The library at a glance, polled by the UI to show background indexing; the home page says from it what is
/// missing: <see cref="VectorsPending"/> photos not yet found by look, and <see cref="WhyNoTextSearch"/> (with what
/// to do) when the model is not installed or compares images only; <see cref="ModelDownload"/> while a first run's
/// model downloads in the server (null otherwise), with what to do instead when it failed.
/// </summary>
public sealed record StatusResponse(
    int Photos,
    int Pending,
    int Failed,
    string? Model,
    bool CanSearchByText,
    bool CanSearchByImage,
    IndexingState Indexing,
    int VectorsPending,
    string? WhyNoTextSearch,
    DownloadState? ModelDownload);

internal static class StatusEndpoint
{
    public static void MapStatusEndpoint(this IEndpointRouteBuilder api, SearchEngine engine, Func<IndexingState> indexing, Func<DownloadState?> modelDownload)
    {
        api.MapGet("/status", async () =>
            {
                // Read on a connection of the engine's pool: with WAL it reads while the background indexer writes.
                var status = await engine.StatusAsync(failureLimit: 0);
                var download = modelDownload();
                return new StatusResponse(
                    status.Photos,
                    // Captions wait for `shoebox caption`, not for the indexing this page shows.
                    status.Stages.Where(s => !s.Key.StartsWith(Stages.CaptionPrefix, StringComparison.Ordinal)).Sum(s => s.Value.Pending),
                    status.Failed,
                    engine.Model?.Id,
                    engine.CanSearchByText,
                    engine.CanSearchByImage,
                    indexing(),
                    engine.Model is { } model && status.Stages.TryGetValue(Stages.Embedding(model), out var vectors) ? vectors.Pending : 0,
                    // The engine's reason was written as the download began; a failed one changes it.
                    download is { State: DownloadState.Failed }
                        ? $"The model {engine.Model?.Id} could not be downloaded; words find file names and the text in pictures until it is installed"
                        : engine.WhyNoTextSearch,
                    download);
            })
            .WithName("Status")
            .WithSummary("Photo count, work pending (vectors apart), the model and why words are not searched by it, and what background indexing is doing.")
            .Produces<StatusResponse>();
    }
}
