using Shoebox.Web.Files;
using Shoebox.Web.Security;

namespace Shoebox.Web.Api;

/// <summary>
/// The machine's folders for the folder browser, and the photo libraries found in their usual places, so that a
/// library is added from the page with no path typed. Folders only, never files; both answer only trusted clients
/// (<see cref="MachineFilesAccess"/>).
/// </summary>
internal static class FolderEndpoints
{
    public static void MapFolderEndpoints(this IEndpointRouteBuilder api, ValidatedOptions options)
    {
        var home = options.Options.Home;
        api.MapGet("/folders", (string? path, string? hidden) => Results.Ok(List(path, home, ShowHidden(hidden))))
            .OnlyForTrustedClients(options)
            .WithName("Folders")
            .WithSummary("The sub-folders of a folder (the home folder when path is empty), sorted by name, never its files.")
            .WithDescription("path must be a full path. Hidden folders (dot-names, the Hidden attribute) are left out unless hidden=true. " +
                "Each folder says whether it can be read, how many images lie directly in it (of its first 1,000 entries: imagesCapped when it holds more) " +
                "and the photo library it is or holds (an Apple Photos or Capture One bundle, a Lightroom catalog, a Google Takeout folder or archive). " +
                "parent is null at the top of a disk. Answers a browser on this machine, or a remote one when serve was started with --allow-remote and its token.")
            .Produces<FolderPage>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status403Forbidden);

        api.MapGet("/libraries/found", () => Results.Ok(new FoundLibrariesResponse(home, home.Length == 0 ? [] : new LibraryFinder(home).Find())))
            .OnlyForTrustedClients(options)
            .WithName("FoundLibraries")
            .WithSummary("Photo libraries in their usual places under the home folder, to offer as one-click cards.")
            .WithDescription("Apple Photos libraries (*.photoslibrary in ~/Pictures), Lightroom catalogs (*.lrcat) and Capture One catalogs (*.cocatalog) " +
                "in ~/Pictures and a few levels below, Google Takeout archives (takeout-*.zip, .tgz) and unpacked Takeout folders in ~/Downloads, " +
                "and ~/Pictures itself. bytes is the size of a catalog or archive file; images counts the images in ~/Pictures' first levels. " +
                "The look is bounded in depth, entries and time. Same access as /api/folders.")
            .Produces<FoundLibrariesResponse>()
            .Produces<ApiError>(StatusCodes.Status403Forbidden);
    }

    private static FolderPage List(string? path, string home, bool hidden)
    {
        var asked = string.IsNullOrWhiteSpace(path) ? home : path;
        if (asked.Length == 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "This server has no home folder to start from: give a full path.");
        }
        if (!Path.IsPathFullyQualified(asked))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"'{asked}' is not a full path: give one that starts at the top of a disk, such as {home}.");
        }
        var folder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(asked)));
        if (!folder.Exists)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, File.Exists(folder.FullName)
                ? $"{folder.FullName} is a file, not a folder."
                : $"There is no folder at {folder.FullName}.");
        }
        try
        {
            return FolderListing.List(folder, home, hidden);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, $"{folder.FullName} cannot be read: this user has no permission to list it.");
        }
        catch (IOException e)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"{folder.FullName} cannot be listed: {e.Message}");
        }
    }

    private static bool ShowHidden(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new ApiException(StatusCodes.Status400BadRequest, $"hidden must be true or false (not \"{text}\")."),
    };
}

/// <summary>The libraries found, best known first: Apple Photos, Lightroom, Capture One, Takeout, then ~/Pictures.</summary>
public sealed record FoundLibrariesResponse(string Home, IReadOnlyList<FoundLibrary> Libraries);
