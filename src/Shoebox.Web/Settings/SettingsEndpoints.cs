using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Search.Engine;
using Shoebox.Web.Api;

namespace Shoebox.Web.Settings;

/// <summary>
/// The Settings page's API: the library's settings (kept in the library, so `shoebox index` and `serve` follow them
/// too), the models to choose from and their downloads, and the facts the server was started with.
/// </summary>
internal static class SettingsEndpoints
{
    private const string Example = "{\"readText\": false}";

    public static void MapSettingsEndpoints(
        this IEndpointRouteBuilder api, SearchEngine engine, ValidatedOptions options, ModelDownloads downloads, ModelSwitch modelSwitch, BackgroundPipelines background)
    {
        var library = engine.Library;
        api.MapGet("/settings", () => ReadAsync(engine, options, downloads, modelSwitch))
            .WithName("Settings")
            .WithSummary("The library's model and the models to choose from (with their downloads), what indexing does to each photo, and where the library lives.")
            .Produces<SettingsResponse>();

        // PUT, not GET: the same-origin rule (and the token, when remote) applies to it as to every write.
        api.MapPut("/settings", async (HttpRequest request) =>
            {
                var change = await JsonBody.ReadAsync<SettingsRequest>(request, Example);
                if (change.Model is { } name)
                {
                    await ChooseModelAsync(name, downloads, modelSwitch);
                }
                if (change.ReadText is not null || change.Tag is not null || change.Faces is not null)
                {
                    await using var catalog = await library.OpenExistingAsync();
                    var switches = await LibrarySwitches.ReadAsync(catalog);
                    var changed = switches with
                    {
                        ReadText = change.ReadText ?? switches.ReadText,
                        Tag = change.Tag ?? switches.Tag,
                        Faces = change.Faces ?? switches.Faces,
                    };
                    await changed.SaveAsync(catalog);
                    await background.FollowAsync(changed, request.HttpContext.RequestAborted);
                }
                return await ReadAsync(engine, options, downloads, modelSwitch);
            })
            .WithName("ChangeSettings")
            .WithSummary("Changes the switches given (readText, tag, faces) and, with \"model\", switches the library to an installed model.")
            .WithDescription("Switching models makes the new model's vectors in the background; search uses the old ones until they are all made (see \"switching\"). " +
                "`shoebox index` and `serve` follow the switches unless --no-ocr or --no-tags says otherwise for their run; a running server's background indexing takes them at once " +
                "(tagging turned on takes effect at its next start when it started with tagging off).")
            .AcceptsJson<SettingsRequest>()
            .DisableAntiforgery()
            .Produces<SettingsResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/models/{id}/download", async (string id) =>
            {
                if (options.Options.Models.FirstOrDefault(m => m.Id == id) is not { } model)
                {
                    return ApiError.Result(StatusCodes.Status404NotFound, $"No model is called '{id}'. Known: {string.Join(", ", options.Options.Models.Select(m => m.Id))}.");
                }
                if (downloads.IsInstalled(model))
                {
                    return Results.Ok(DownloadState.Installed(model));
                }
                try
                {
                    return Results.Json(await downloads.StartAsync(model), statusCode: StatusCodes.Status202Accepted);
                }
                catch (ModelUnavailableException e)
                {
                    return ApiError.Result(StatusCodes.Status503ServiceUnavailable, e.Message);
                }
            })
            .WithName("DownloadModel")
            .WithSummary("Starts downloading a model in the server (resumable, every file checked against its SHA-256); GET /api/settings shows its progress.")
            .WithDescription("When the hub cannot be reached, or downloads are off, the error says which files to fetch by hand and where to put them.")
            .Produces<DownloadState>()
            .Produces<DownloadState>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task ChooseModelAsync(string name, ModelDownloads downloads, ModelSwitch modelSwitch)
    {
        ModelDescriptor descriptor;
        try
        {
            descriptor = ModelResolver.Describe(name);
        }
        catch (Exception e) when (e is ModelUnavailableException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, e.Message);
        }
        // A folder is a model in place; a registry model must be downloaded first, where the page shows its progress.
        if (ModelRegistry.Find(name) is not null && !downloads.IsInstalled(descriptor))
        {
            throw new ApiException(StatusCodes.Status409Conflict, $"{name} is not installed: download it first (POST /api/models/{name}/download).");
        }
        await modelSwitch.ChooseAsync(name, LibraryModel.SourceOf(descriptor), LibraryModel.IdentityOf(descriptor));
    }

    private static async Task<SettingsResponse> ReadAsync(SearchEngine engine, ValidatedOptions options, ModelDownloads downloads, ModelSwitch modelSwitch)
    {
        var library = engine.Library;
        await using var catalog = await library.OpenExistingAsync();
        var switches = await LibrarySwitches.ReadAsync(catalog);
        var models = options.Options.Models.Select(m => View(m, m.Id, downloads.IsInstalled(m), engine, downloads)).ToList();
        // The library's own models kept in folders: the one in use, and those it holds vectors of.
        foreach (var stored in await catalog.Vectors.ListModelsAsync())
        {
            if (stored.Source is { } source && ModelRegistry.Find(source) is null && models.All(m => m.Id != source) && TryDescribe(source) is { } local)
            {
                models.Add(View(local, source, installed: true, engine, downloads));
            }
        }
        SwitchView? switching = null;
        if (modelSwitch.State is { } state)
        {
            switching = new SwitchView(state.To, state.Phase, await LibraryModel.VectorsHeldAsync(catalog, state.To) ?? 0, await catalog.Photos.CountExistingAsync(), state.Error);
        }
        return new SettingsResponse(
            engine.Model?.Id,
            switching,
            models,
            switches.ReadText,
            switches.Tag,
            switches.Faces,
            FacesAvailable: true,
            new LibraryFacts(
                library.Folder,
                library.IsShared ? "postgresql" : "sqlite",
                library.Address,
                options.Remote,
                options.Token is not null,
                options.Urls));
    }

    private static ModelView View(ModelDescriptor model, string id, bool installed, SearchEngine engine, ModelDownloads downloads) => new(
        id,
        model.Id,
        model.Description,
        model.Dimensions,
        model.CanEmbedText,
        model.Repository is null ? null : model.DownloadSize,
        installed,
        LibraryModel.IdentityOf(model) == engine.Model,
        downloads.Of(model.Id));

    private static ModelDescriptor? TryDescribe(string folder)
    {
        try
        {
            return ModelResolver.Describe(folder);
        }
        catch (Exception e) when (e is ModelUnavailableException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
