using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Search.Engine;
using Shoebox.Web.Freshness;

namespace Shoebox.Web.Api;

/// <summary>
/// The folders and photo libraries the library is built from: listed with their state, added ("crawl this": the
/// server starts indexing at once), scanned again, paused, resumed and removed. Writes follow the rules of every
/// other write (same origin, the token when remote).
/// </summary>
internal static class SourceEndpoints
{
    private const string PathExample = "{\"path\": \"/home/me/Pictures\"}";

    public static void MapSourceEndpoints(this IEndpointRouteBuilder api, SearchEngine engine, BackgroundIndexer? indexer)
    {
        api.MapGet("/sources", async () =>
            {
                var activityOf = indexer?.Activities() ?? (_ => SourceActivity.None);
                await using var catalog = await engine.Library.OpenExistingAsync();
                var views = new List<SourceView>();
                foreach (var source in await catalog.Sources.ListAsync())
                {
                    views.Add(SourceView.Of(source, await catalog.Sources.CountAsync(source), activityOf(source.Id)));
                }
                return new SourcesResponse(views);
            })
            .WithName("Sources")
            .WithSummary("Every folder and photo library the library is built from, with its kind, photo count, state and last scan.")
            .WithDescription("state: scanning, pending (waiting for a scan, or `pending` photos waiting for their work), watching, paused, missing (the path is gone), failed (`error` says why).")
            .Produces<SourcesResponse>();

        api.MapPost("/sources", async (HttpRequest request) =>
            {
                var asked = (await JsonBody.ReadAsync<SourceRequest>(request, PathExample)).Path;
                var running = Indexing(indexer);
                var (path, kind) = Checked(asked, engine.Library.Folder);
                var addition = await running.AddAsync(path, PhotoLibraries.Name(kind));
                return addition.Outcome switch
                {
                    SourceAdded.AlreadyThere => ApiError.Result(StatusCodes.Status409Conflict, $"{addition.Source.Path} is a source of this library already."),
                    SourceAdded.Covered => ApiError.Result(StatusCodes.Status409Conflict,
                        $"{path} is inside {addition.Source.Path}, a source of this library already: its photos are indexed with it."),
                    _ => Results.Json(await ViewAsync(engine, addition.Source, running), statusCode: StatusCodes.Status202Accepted),
                };
            })
            .WithName("AddSource")
            .WithSummary("Adds a folder or photo library (Takeout, Lightroom, Apple Photos; told apart by its look) and starts indexing it in the server.")
            .WithDescription("A folder inside a folder source is refused (409: it is indexed with it); a folder around folder sources takes their place. " +
                "Indexing runs one at a time: a source added meanwhile waits (state pending). Progress is in /api/status.")
            .AcceptsJson<SourceRequest>()
            .DisableAntiforgery()
            .Produces<SourceView>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/sources/{id:long}/scan", async (long id) =>
            {
                var running = Indexing(indexer);
                var source = await FindAsync(engine, id);
                if (source.Paused)
                {
                    return ApiError.Result(StatusCodes.Status409Conflict, $"{source.Path} is paused: resume it to scan it.");
                }
                running.Scan(source.Id);
                return Results.Json(await ViewAsync(engine, source, running), statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("ScanSource")
            .WithSummary("Scans the source again now (after the run in progress, if any).")
            .Produces<SourceView>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/sources/{id:long}/pause", (long id) => PauseAsync(engine, indexer, id, pause: true))
            .WithName("PauseSource")
            .WithSummary("Stops watching and scanning the source (a scan of it in progress stops); its photos stay searchable.")
            .Produces<SourceView>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapPost("/sources/{id:long}/resume", (long id) => PauseAsync(engine, indexer, id, pause: false))
            .WithName("ResumeSource")
            .WithSummary("Watches the source again, and scans it for what changed while it was paused.")
            .Produces<SourceView>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapDelete("/sources/{id:long}", async (long id, string? keep) =>
            {
                var keepPhotos = keep is null || (bool.TryParse(keep, out var parsed) ? parsed
                    : throw new ApiException(StatusCodes.Status400BadRequest, $"keep must be true (its photos stay searchable) or false (they are forgotten), not '{keep}'."));
                var source = await FindAsync(engine, id);
                try
                {
                    var forgotten = indexer is null ? await SourceRemoval.RemoveAsync(engine, source, keepPhotos) : await indexer.RemoveAsync(source, keepPhotos);
                    return Results.Ok(new RemovedResponse(SourceView.Of(source, new SourceCounts(0, 0), SourceActivity.None) with { State = "removed" }, forgotten));
                }
                catch (LibraryUnavailableException e)
                {
                    return ApiError.Result(StatusCodes.Status503ServiceUnavailable, $"The source was not removed: {e.Message}");
                }
            })
            .WithName("RemoveSource")
            .WithSummary("Takes the source off the library. keep=true (the default): its photos stay searchable, no longer scanned. keep=false: " +
                "its photos' locations are forgotten, and the photos no other location holds. Files on disk are never touched.")
            .Produces<RemovedResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
    }

    private static BackgroundIndexer Indexing(BackgroundIndexer? indexer) => indexer ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable,
        "This server does not index (it was started with --no-watch): run `shoebox index PATH`, or start `shoebox serve` without --no-watch.");

    /// <summary>The path as a source keeps it, and its kind; 400 with the reason for a path that cannot be one.</summary>
    private static (string Path, LibraryKind Kind) Checked(string? asked, string libraryFolder)
    {
        if (string.IsNullOrWhiteSpace(asked))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"Send the path of a folder or a photo library: {PathExample}.");
        }
        var path = asked.Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            path = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]);
        }
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"{asked} is not a full path: give it from the top (such as /home/me/Pictures).");
        }
        var full = SourceStore.Normalise(path);
        if (!Path.Exists(full))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"{full} does not exist.");
        }
        if (full == libraryFolder || SourceStore.IsUnder(full, libraryFolder))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"{full} is inside Shoebox's own library folder, which holds no photos of yours.");
        }
        try
        {
            if (Directory.Exists(full))
            {
                using var entries = Directory.EnumerateFileSystemEntries(full).GetEnumerator();
                entries.MoveNext();
            }
            else
            {
                File.OpenRead(full).Dispose();
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"{full} cannot be read: {e.Message}");
        }
        var kind = PhotoLibraries.Detect(full);
        if (kind == LibraryKind.Folder && !Directory.Exists(full))
        {
            throw new ApiException(StatusCodes.Status400BadRequest,
                $"{full} is a file, not a folder or a photo library Shoebox reads ({PhotoLibraries.WhatIsRead}); give the folder that holds it.");
        }
        return (full, kind);
    }

    private static async Task<IResult> PauseAsync(SearchEngine engine, BackgroundIndexer? indexer, long id, bool pause)
    {
        var source = await FindAsync(engine, id);
        if (indexer is null)
        {
            await using var catalog = await engine.Library.OpenExistingAsync();
            await catalog.Sources.SetPausedAsync(id, pause);
        }
        else if (pause)
        {
            await indexer.PauseAsync(source);
        }
        else
        {
            await indexer.ResumeAsync(source);
        }
        return Results.Ok(await ViewAsync(engine, source with { Paused = pause }, indexer));
    }

    private static async Task<CatalogSource> FindAsync(SearchEngine engine, long id)
    {
        await using var catalog = await engine.Library.OpenExistingAsync();
        return await catalog.Sources.FindAsync(id) ?? throw new ApiException(StatusCodes.Status404NotFound, $"There is no source {id} in this library.");
    }

    private static async Task<SourceView> ViewAsync(SearchEngine engine, CatalogSource source, BackgroundIndexer? indexer)
    {
        await using var catalog = await engine.Library.OpenExistingAsync();
        return SourceView.Of(source, await catalog.Sources.CountAsync(source), indexer?.ActivityOf(source.Id) ?? SourceActivity.None);
    }
}

internal sealed record SourceRequest(string? Path);

/// <summary>A source as the page shows it; <see cref="Error"/> is why its last scan could not read it.</summary>
internal sealed record SourceView(long Id, string Path, string Kind, int Photos, string State, int Pending, DateTimeOffset? LastScan, bool Paused, string? Error)
{
    public static SourceView Of(CatalogSource source, SourceCounts counts, SourceActivity activity) =>
        new(source.Id, source.Path, source.Kind, counts.Photos, StateOf(source, counts, activity), counts.Pending, source.LastScan, source.Paused, source.LastError);

    // The first that holds: what the user did, what runs now, what the disk says, what waits, how the last scan went.
    private static string StateOf(CatalogSource source, SourceCounts counts, SourceActivity activity) =>
        source.Paused ? "paused"
        : activity == SourceActivity.Scanning ? "scanning"
        : !System.IO.Path.Exists(source.Path) ? "missing"
        : activity == SourceActivity.Queued ? "pending"
        : source.LastError is not null ? "failed"
        : counts.Pending > 0 ? "pending"
        : "watching";
}

internal sealed record SourcesResponse(IReadOnlyList<SourceView> Sources);

internal sealed record RemovedResponse(SourceView Removed, int ForgotPhotos);
