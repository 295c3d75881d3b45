using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Search.Engine;

namespace Shoebox.Cli;

/// <summary>
/// A search engine over one library with its model loaded: what `search`, `similar`, `random` and `serve` share.
/// Without the model (offline, not installed) the engine still searches file names and captions and finds photos
/// like a catalogued one from their stored vectors; it says so once on the error stream.
/// </summary>
internal sealed class SearchSession : IAsyncDisposable
{
    private SearchSession(SearchEngine engine, ModelDescriptor descriptor, EmbeddingModel? model, bool fetching)
    {
        Engine = engine;
        Descriptor = descriptor;
        Model = model;
        ToFetch = fetching ? descriptor : null;
    }

    public SearchEngine Engine { get; }

    /// <summary>What the registry (or the model's folder) says of the model searched with, installed or not.</summary>
    public ModelDescriptor Descriptor { get; }

    /// <summary>The loaded model, or null when it could not be installed.</summary>
    public EmbeddingModel? Model { get; }

    /// <summary>The model, when it was left for the server to download in the background (see fetchLater).</summary>
    public ModelDescriptor? ToFetch { get; }

    /// <param name="checkCatalog">Read every page of the catalog first (`serve`, which stays up and answers anything).</param>
    /// <param name="fetchLater">
    /// A registry model not installed (and downloads allowed) is not downloaded here: the session opens without it at
    /// once and <see cref="ToFetch"/> names it (`serve` and `app`, whose server downloads it while it serves).
    /// </param>
    /// <returns>Null (after saying why) when the library does not exist, cannot be reached or is damaged, or its model's id is unknown.</returns>
    public static async Task<SearchSession?> OpenAsync(
        CliConsole console, Library library, string? modelOption, bool offline, CancellationToken cancellationToken, bool checkCatalog = false, bool fetchLater = false)
    {
        if (!library.Exists)
        {
            await console.Error.WriteLineAsync($"shoebox: {new LibraryNotFoundException(library).Message}");
            return null;
        }
        string modelName;
        try
        {
            if (checkCatalog)
            {
                await using var catalog = await library.OpenExistingAsync(cancellationToken);
                await catalog.EnsureUndamagedAsync();
            }
            modelName = await LibraryModel.NameForAsync(modelOption, library);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return null;
        }
        ModelDescriptor descriptor;
        try
        {
            descriptor = ModelResolver.Describe(modelName);
        }
        catch (ModelUnavailableException e)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return null;
        }
        var identity = LibraryModel.IdentityOf(descriptor);
        // Downloads are off with --offline and with SHOEBOX_OFFLINE, which the store reads.
        var store = ModelChoice.Store(offline);
        var fetching = fetchLater && !store.Offline && ModelRegistry.Find(modelName) is not null && new ModelStore(store).Find(descriptor) is null;
        InstalledModel? installed = null;
        if (fetching)
        {
            await console.Error.WriteLineAsync($"The model {identity.Id} is not installed: it downloads in the background while the library is served.");
        }
        else
        {
            // Without the model the engine's notes say what a search does instead; what is missing is said in full once.
            var notice = await ModelNotice.ReadAsync(library);
            installed = await ModelChoice.TryInstallAsync(console, modelName, offline, cancellationToken, notice);
            await notice.SaveAsync();
        }
        var model = installed is null ? null : new EmbeddingModel(installed);
        try
        {
            var engine = await SearchEngine.OpenAsync(new SearchEngineOptions
            {
                Library = library,
                Model = identity,
                Texts = model is { CanEmbedText: true } ? () => model.Texts : null,
                WhyNoTexts = fetching
                    ? $"The model {identity.Id} is still downloading; words find file names and the text in pictures until then"
                    : model is null
                    ? $"The model {identity.Id} is not installed (`shoebox models pull {identity.Id}`)"
                    : model.CanEmbedText ? null : $"{identity.Id} compares images, not words",
                Images = model is null ? null : () => model.Images,
            }, cancellationToken);
            return new SearchSession(engine, descriptor, model, fetching);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            model?.Dispose();
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Model?.Dispose();
    }
}
