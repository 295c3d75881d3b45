using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Search.Engine;
using Shoebox.Web.Api;
using Shoebox.Web.Freshness;
using Shoebox.Web.Security;
using Shoebox.Web.Settings;

namespace Shoebox.Web;

/// <summary>
/// `shoebox serve`: the JSON API under /api, its OpenAPI document at /openapi/v1.json, and the UI (static files
/// embedded in this assembly) everywhere else. The host creates the engine (and its model) and owns it.
/// </summary>
public sealed partial class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BackgroundIndexer? _indexer;
    private readonly SearchEngine _engine;
    private readonly UploadFolder? _uploads;
    private readonly ModelDownloads _downloads;
    private readonly ModelSwitch _modelSwitch;
    private readonly BackgroundPipelines _pipelines;
    private readonly ModelArrival? _arrival;

    private WebServer(
        WebApplication app, ValidatedOptions options, SearchEngine engine, BackgroundIndexer? indexer, UploadFolder? uploads, ModelDownloads downloads, ModelSwitch modelSwitch,
        BackgroundPipelines pipelines, ModelArrival? arrival)
    {
        _app = app;
        Options = options;
        _engine = engine;
        _indexer = indexer;
        _uploads = uploads;
        _downloads = downloads;
        _modelSwitch = modelSwitch;
        _pipelines = pipelines;
        _arrival = arrival;
    }

    public ValidatedOptions Options { get; }

    /// <summary>The addresses listened on, with the real port when port 0 was asked for; known once started.</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>The address to open in a browser (with the one-time token when one is required).</summary>
    public string BrowserUrl
    {
        get
        {
            var addresses = Addresses;
            var address = addresses.Count > 0 ? addresses[0] : Options.Urls[0];
            var uri = new UriBuilder(address);
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                uri.Host = "localhost";
            }
            var url = uri.Uri.GetLeftPart(UriPartial.Authority) + "/";
            return Options.Token is { } token && Options.Remote ? $"{url}?token={token}" : url;
        }
    }

    /// <exception cref="ArgumentException">The options are not valid (see <see cref="WebServerOptions.Validate"/>).</exception>
    public static WebServer Create(WebServerOptions options, SearchEngine engine, ILoggerProvider? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        var validated = options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Not the working folder: an appsettings.json lying there must not reconfigure the server.
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(WebServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls([.. validated.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Room for the multipart envelope around the largest image accepted.
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + 1024 * 1024;
            kestrel.Limits.MaxRequestLineSize = AddressLength.MaxRequestLine;
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Shoebox", LogLevel.Information);
        if (logging is not null)
        {
            builder.Logging.AddProvider(logging);
        }
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Shoebox";
            document.Info.Description = "Search your photos and memes: by words and filters, like a photo, like an uploaded image.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        var indexer = options.Indexing is { } indexing
            ? new BackgroundIndexer(options, indexing, engine, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shoebox.Web.Indexing"))
            : null;

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shoebox.Web");
        app.UseSecurityHeaders();
        app.UseErrorResponses(log);
        app.UseAddressLengthLimit();
        if (!validated.Remote)
        {
            app.UseLoopbackHostsOnly();
        }
        if (validated.Token is { } token)
        {
            app.UseAccessToken(token, new WrongTokens(options.Clock), log);
        }
        app.UseSameOriginWrites();
        var ui = new ManifestEmbeddedFileProvider(typeof(WebServer).Assembly, "wwwroot");
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = ui,
            ContentTypeProvider = types,
            // The UI changes with the binary: revalidate (a 304 on loopback is instant) rather than keep stale files.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

        var api = app.MapGroup("/api");
        var uploads = new UploadCache();
        var uploadFolder = OpenUploadFolder(engine, log);
        var thumbnails = new ThumbnailStore(engine.Library.Folder);
        api.MapSearchEndpoints(engine, uploads, thumbnails);
        api.MapUploadEndpoint(engine, uploads, () => uploadFolder ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable,
            "This server cannot search by an uploaded image: the library's folder, where uploads are written, cannot be written."), options.MaxUploadBytes, thumbnails);
        var previews = new PreviewMaker(thumbnails, new ImageDecoder());
        api.MapPhotoEndpoints(engine, thumbnails, previews);
        api.MapPeopleEndpoints(engine, thumbnails, previews);
        api.MapDuplicateEndpoints(engine);
        api.MapTagEndpoints(engine);
        api.MapSourceEndpoints(engine, indexer);
        api.MapPlaceEndpoints(engine);
        api.MapFolderEndpoints(validated);
        var downloads = new ModelDownloads(options.ModelStore, log);
        var pipelines = new BackgroundPipelines(indexer, new IndexingFactory(options.ModelStore, new LoggedFeedback(log), log), options.NoText, options.NoTags, options.NoFaces);
        var modelSwitch = new ModelSwitch(engine.Library, engine, options.ModelStore, pipelines, log);
        var arrival = options.ModelToFetch is { } fetch && !options.ModelStore.Offline ? new ModelArrival(fetch, downloads, modelSwitch) : null;
        api.MapWelcomeEndpoint(engine, validated, () => arrival?.State);
        api.MapStatusEndpoint(engine, () => indexer?.State ?? new IndexingState(IndexingState.Off, null, null, null, []), () => arrival?.State);
        api.MapSettingsEndpoints(engine, validated, downloads, modelSwitch, pipelines);
        app.MapFallback("/api/{**rest}", () => ApiError.Result(StatusCodes.Status404NotFound, "There is no such API endpoint; see /openapi/v1.json."));
        app.MapOpenApi();
        // Every other path is a page of the single-page UI (history routing).
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = ui, OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache" });

        return new WebServer(app, validated, engine, indexer, uploadFolder, downloads, modelSwitch, pipelines, arrival);
    }

    // A library served read-only still serves everything but uploads.
    private static UploadFolder? OpenUploadFolder(SearchEngine engine, ILogger log)
    {
        try
        {
            return UploadFolder.Open(engine.Library.Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            UploadsOff(log, e.Message);
            return null;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shoebox.Web");
        // The first search should not pay for loading the vectors and the text model: they load while the server
        // starts, not after.
        _ = Task.Run(async () =>
        {
            try
            {
                await _engine.WarmAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogWarmFailed(logger, e.Message);
            }
        }, CancellationToken.None);
        await _app.StartAsync(cancellationToken);
        await _modelSwitch.ResumeAsync();
        _arrival?.Start();
        if (_indexer is not null)
        {
            await _indexer.StartAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_indexer is not null)
        {
            await _indexer.DisposeAsync();
        }
        // The download first: stopped, it begins no switch once the switch has stopped.
        await _downloads.DisposeAsync();
        if (_arrival is not null)
        {
            await _arrival.Ended;
        }
        await _modelSwitch.DisposeAsync();
        _pipelines.Dispose();
        await _app.DisposeAsync();
        _uploads?.Dispose();
    }

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Searching by an uploaded image is off: uploads cannot be written in the library's folder ({Reason})")]
    private static partial void UploadsOff(ILogger logger, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Warming the search engine failed: {Reason}")]
    private static partial void LogWarmFailed(ILogger logger, string reason);
}
