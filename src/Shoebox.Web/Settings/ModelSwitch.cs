using Microsoft.Extensions.Logging;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Store;
using Shoebox.Search.Engine;

namespace Shoebox.Web.Settings;

/// <summary>
/// Changing the library's model while it is served: the new model's vectors are made in the background (vectors are
/// kept per model, so the old ones stay) while search goes on with the old; once every photo has been through the
/// new model, it becomes the library's chosen model and the engine and background indexing take it up.
/// </summary>
internal sealed partial class ModelSwitch(Library library, SearchEngine engine, StoreOptions store, BackgroundPipelines background, ILogger logger)
    : IAsyncDisposable
{
    // A run in a terminal holds the library: the switch waits for it, as background indexing does.
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    // The models the switch loaded and the server now searches with: closed when the server stops.
    private readonly List<IDisposable> _owned = [];
    private CancellationTokenSource? _cancel;
    private Task _run = Task.CompletedTask;
    private volatile Switching? _state;

    /// <summary>The switch under way or failed; null when none.</summary>
    public Switching? State => _state;

    /// <summary>Goes on with a switch a stopped server left unfinished.</summary>
    public async Task ResumeAsync()
    {
        await using var catalog = await library.OpenExistingAsync();
        if (await catalog.Settings.GetAsync(SettingStore.NextModel) is { } next)
        {
            Begin(next);
        }
    }

    /// <summary>Switches to the model (a registry id or folder, installed); choosing the model in use again calls off a switch.</summary>
    public async Task ChooseAsync(string name, string source, ModelIdentity identity)
    {
        await using (var catalog = await library.OpenExistingAsync())
        {
            if (identity == engine.Model)
            {
                await catalog.Settings.RemoveAsync(SettingStore.NextModel);
                await catalog.Settings.SetAsync(SettingStore.ChosenModel, source);
            }
            else
            {
                await catalog.Settings.SetAsync(SettingStore.NextModel, source);
            }
        }
        if (identity == engine.Model)
        {
            await CallOffAsync();
            return;
        }
        Begin(name);
    }

    /// <summary>
    /// The library's own model, downloaded while serving (a first run): its vectors are made and it is taken up as a
    /// switch's would be, so that photos catalogued before it arrived are found by look too.
    /// </summary>
    public void Arrived(string name) => Begin(name);

    private void Begin(string name)
    {
        lock (_gate)
        {
            _cancel?.Cancel();
            var cancel = _cancel = new CancellationTokenSource();
            var previous = _run;
            _state = new Switching(name, Switching.Waiting, null);
            _run = Task.Run(async () =>
            {
                await previous;
                await RunAsync(name, cancel.Token);
            });
        }
    }

    private async Task CallOffAsync()
    {
        Task run;
        lock (_gate)
        {
            _cancel?.Cancel();
            run = _run;
            _state = null;
        }
        await run;
    }

    private async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new IndexingFactory(store, new LoggedFeedback(logger), logger);
            // The new model's vectors only: text and tags do not depend on the model, and are left as they are.
            using (var embedding = await factory.CreateAsync(library, new IndexSettings(), name, cancellationToken))
            {
                if (embedding.Services.Encoder is null)
                {
                    Fail(name, $"{name} could not be loaded; see the server's log.");
                    return;
                }
                if (!await EmbedAsync(name, embedding, cancellationToken))
                {
                    return;
                }
            }
            await TakeUpAsync(name, cancellationToken);
            LogSwitched(logger, name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Another model was chosen, or the server is stopping: a restarted server goes on from the catalog.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever stopped it (the model gone, the library unwritable) is shown on the page rather than lost in a task.
            Fail(name, e.Message);
        }
    }

    // Runs until every photo has been through the model; false when stopped first.
    private async Task<bool> EmbedAsync(string name, IndexingPipeline embedding, CancellationToken cancellationToken)
    {
        while (true)
        {
            var indexer = new Indexer(embedding, logger);
            try
            {
                _state = new Switching(name, Switching.Embedding, indexer);
                // No folders: nothing is scanned; what the catalog holds gets the model's stage, and the run makes it.
                var summary = await indexer.RunAsync(new IndexTargets([]), cancellationToken);
                return !summary.Interrupted;
            }
            catch (LibraryUnavailableException e) when (e is not LibraryDamagedException)
            {
                _state = new Switching(name, Switching.Waiting, null);
                await Task.Delay(BusyRetry, cancellationToken);
            }
        }
    }

    // The library, the engine and background indexing take the new model up, in that order: a restart searches with it too.
    private async Task TakeUpAsync(string name, CancellationToken cancellationToken)
    {
        var installed = await ModelResolver.InstallAsync(name, new ModelStore(store), null, cancellationToken);
        var model = new EmbeddingModel(installed);
        lock (_owned)
        {
            _owned.Add(model);
        }
        await using (var catalog = await library.OpenExistingAsync(cancellationToken))
        {
            await using var batch = await catalog.BeginBatchAsync();
            await catalog.Settings.SetAsync(SettingStore.ChosenModel, LibraryModel.SourceOf(installed.Descriptor));
            await catalog.Settings.RemoveAsync(SettingStore.NextModel);
            await batch.CommitAsync();
        }
        await engine.UseModelAsync(new SearchEngineOptions
        {
            Library = library,
            Model = model.Identity,
            Texts = model.CanEmbedText ? () => model.Texts : null,
            WhyNoTexts = model.CanEmbedText ? null : $"{model.Identity.Id} compares images, not words",
            Images = () => model.Images,
        });
        _state = null;
        await background.UseModelAsync(installed.Descriptor, model, engine.LibraryVectors, cancellationToken);
    }

    private void Fail(string name, string reason)
    {
        _state = new Switching(name, Switching.Failed, null) { Error = reason };
        LogFailed(logger, name, reason);
    }

    public async ValueTask DisposeAsync()
    {
        await CallOffAsync();
        _cancel?.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "The library now searches with {Model}: its vectors are made")]
    private static partial void LogSwitched(ILogger logger, string model);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Switching the library to {Model} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string model, string reason);
}

/// <summary>A switch of model under way: <see cref="Phase"/> is waiting (for the library), embedding, or failed (<see cref="Error"/> says why).</summary>
internal sealed record Switching(string To, string Phase, Indexer? Run)
{
    public const string Waiting = "waiting";
    public const string Embedding = "embedding";
    public const string Failed = "failed";

    public string? Error { get; init; }
}
