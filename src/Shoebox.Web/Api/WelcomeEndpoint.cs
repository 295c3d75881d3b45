using Shoebox.Models.Registry;
using Shoebox.Search.Engine;
using Shoebox.Web.Security;
using Shoebox.Web.Settings;

namespace Shoebox.Web.Api;

/// <summary>
/// The model the library searches with: <see cref="Installed"/> when it is loaded; <see cref="DownloadBytes"/> is
/// what the registry says it weighs (null when it does not pin its files' sizes, or the model is a folder);
/// <see cref="Download"/> is its download in the server, on a first run (null when none).
/// </summary>
public sealed record WelcomeModel(string? Id, string? Description, bool Installed, long? DownloadBytes, DownloadState? Download);

/// <summary>What the welcome page says will happen: where the library lives, where it starts looking, which model.</summary>
public sealed record WelcomeResponse(string LibraryFolder, string Home, WelcomeModel Model);

internal static class WelcomeEndpoint
{
    public static void MapWelcomeEndpoint(this IEndpointRouteBuilder api, SearchEngine engine, ValidatedOptions options, Func<DownloadState?> download)
    {
        api.MapGet("/welcome", () =>
            {
                var id = engine.Model?.Id;
                var known = ModelRegistry.All.FirstOrDefault(m => m.Id == id);
                return new WelcomeResponse(
                    engine.Library.Folder,
                    options.Options.Home,
                    new WelcomeModel(id, known?.Description, engine.CanSearchByImage, known?.DownloadSize, download()));
            })
            .OnlyForTrustedClients(options)
            .WithName("Welcome")
            .WithSummary("What a first run is told: the library's folder, the home folder, the model and whether it must still be downloaded.")
            .Produces<WelcomeResponse>()
            .Produces<ApiError>(StatusCodes.Status403Forbidden);
    }
}
