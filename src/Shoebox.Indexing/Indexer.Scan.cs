using System.Threading.Channels;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;
using Shoebox.Sources.Xmp;

namespace Shoebox.Indexing;

/// <summary>The scan phase: walk, read and hash what is new or changed, record it; mark what vanished.</summary>
public sealed partial class Indexer
{
    // The source name of facts read from XMP sidecars beside walked files.
    private const string SidecarSource = "xmp";

    private async Task ScanAsync(PhotoCatalog catalog, IReadOnlyList<string> roots, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (_options.RetryFailed)
        {
            await catalog.Stages.RetryFailedAsync();
        }
        var known = await catalog.Locations.LoadAllAsync();
        var failedPhotos = await catalog.Stages.LoadFailedAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded so a fast walker cannot run far ahead of reading: memory stays flat on any library size.
        var found = Channel.CreateBounded<FoundFile>(new BoundedChannelOptions(4096) { SingleReader = false });
        var scanned = Channel.CreateBounded<Scanned>(new BoundedChannelOptions(4096) { SingleReader = true });

        var libraries = new List<LibrarySource>();
        foreach (var library in _options.Libraries)
        {
            if (!await IsUnchangedAsync(catalog, library))
            {
                libraries.Add(library);
            }
        }
        var walker = new FolderWalker(_options.Walk with { ExcludedPaths = [.. _options.Walk.ExcludedPaths, _options.Library.Folder] });
        var list = ListAllAsync(walker, roots, libraries, found.Writer, stop.Token);
        var read = ProduceAsync(found.Reader, scanned.Writer, _options.ReadParallelism, file => Scan(file, known), stop.Token);
        var write = Task.Run(() => WriteAllAsync(catalog, scanned.Reader, _options.BatchSize, (writer, item) => RecordAsync(writer, item, failedPhotos)), CancellationToken.None);

        await WhenAllOrFirstFailure(stop, write, list, read);
        var listing = list.Result;
        foreach (var problem in listing.WalkProblems.Where(p => p.IsFolder || ImageSniffer.HasImageExtension(p.Path)))
        {
            if (problem.Reason == FolderWalker.LibraryFolderReason)
            {
                _skippedLibraries.Add(problem.Path);
            }
            else
            {
                _tally.Failed(problem.Path, problem.Reason);
            }
        }
        foreach (var problem in listing.LibraryProblems)
        {
            _tally.Failed(problem.Path, problem.Reason);
        }
        _unreadableLibraries.AddRange(listing.Unreadable);
        if (!cancellationToken.IsCancellationRequested)
        {
            var unlisted = listing.WalkProblems.Where(p => p.IsFolder).Select(p => p.Path).ToList();
            _tally.Vanished(await catalog.Locations.RecordVanishedAsync(roots, started, unlisted));
            foreach (var library in listing.CompleteLibraries)
            {
                _tally.Vanished(await catalog.Locations.RecordVanishedFromSourceAsync(library.Id, started));
                if (library.Stamp?.Invoke() is { } stamp)
                {
                    await catalog.Settings.SetAsync(StampSetting + library.Id, stamp);
                }
            }
        }
    }

    /// <summary>
    /// Lists the folders, then each photo library, into one channel. A library that cannot be read (not a
    /// catalog, a damaged database) is reported and skipped, and its photos are kept as they were: only a library
    /// listed to the end may mark what it no longer holds as missing.
    /// </summary>
    private static async Task<Listing> ListAllAsync(
        FolderWalker walker, IReadOnlyList<string> roots, IReadOnlyList<LibrarySource> libraries, ChannelWriter<FoundFile> found, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<WalkProblem> walkProblems = roots.Count == 0 ? [] : await Forward((files, token) => walker.WalkAsync(roots, files, token), found, cancellationToken);
            var libraryProblems = new List<WalkProblem>();
            var unreadable = new List<IndexFailure>();
            var complete = new List<LibrarySource>();
            foreach (var library in libraries)
            {
                try
                {
                    var id = library.Id;
                    var problems = await Forward(library.Source.ListAsync, found, cancellationToken, file => file with { SourceId = id });
                    libraryProblems.AddRange(problems);
                    if (!problems.Any(p => p.IsFolder))
                    {
                        complete.Add(library);
                    }
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or FormatException or Microsoft.Data.Sqlite.SqliteException)
                {
                    unreadable.Add(new IndexFailure(library.Source.Path, e.Message));
                }
            }
            return new Listing(walkProblems, libraryProblems, unreadable, complete);
        }
        finally
        {
            found.TryComplete();
        }
    }

    private const string StampSetting = "library-stamp:";

    private async Task<bool> IsUnchangedAsync(PhotoCatalog catalog, LibrarySource library) =>
        _options.SkipUnchangedLibraries && library.Stamp?.Invoke() is { } stamp && await catalog.Settings.GetAsync(StampSetting + library.Id) == stamp;

    // Each lister completes the channel it is given; the shared channel stays open for the next one.
    private static async Task<IReadOnlyList<WalkProblem>> Forward(
        Func<ChannelWriter<FoundFile>, CancellationToken, Task<IReadOnlyList<WalkProblem>>> list,
        ChannelWriter<FoundFile> found,
        CancellationToken cancellationToken,
        Func<FoundFile, FoundFile>? claim = null)
    {
        var own = Channel.CreateBounded<FoundFile>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        var listing = list(own.Writer, cancellationToken);
        await foreach (var file in own.Reader.ReadAllAsync(cancellationToken))
        {
            await found.WriteAsync(claim is null ? file : claim(file), cancellationToken);
        }
        return await listing;
    }

    private sealed record Listing(
        IReadOnlyList<WalkProblem> WalkProblems, IReadOnlyList<WalkProblem> LibraryProblems, IReadOnlyList<IndexFailure> Unreadable, IReadOnlyList<LibrarySource> CompleteLibraries);

    private Scanned Scan(FoundFile file, Dictionary<string, KnownLocation> known)
    {
        _tally.FileFound();
        file = WithSidecar(file);
        var isKnown = known.TryGetValue(file.Path, out var location);
        if (isKnown && location!.Size == file.Size && location.ModifiedTicks == file.ModifiedTicks && Equals(location.Content, file.Content))
        {
            return new Scanned(file, location, null);
        }
        return new Scanned(file, location, FileIdentifier.Identify(file));
    }

    private async Task RecordAsync(PhotoCatalog catalog, Scanned item, Dictionary<long, string> failedPhotos)
    {
        var now = DateTimeOffset.UtcNow;
        var file = item.File;
        var origin = new LocationOrigin(file.SourceId, file.Content);
        switch (item.Identification)
        {
            case null:
                await RecordUnchangedAsync(catalog, item.Known!, file, failedPhotos, now);
                await RecordFactsAsync(catalog, file, item.Known!.Id, item.Known.PhotoId);
                break;
            case Identification.Image image:
                var link = await catalog.Locations.LinkAsync(file.Path, file.Root, image.Size, image.ModifiedTicks, image.Hash, image.Format, now, origin);
                await RecordFactsAsync(catalog, file, link.LocationId, link.PhotoId);
                if (failedPhotos.TryGetValue(link.PhotoId, out var reason))
                {
                    _tally.Failed(file.Path, reason);
                }
                else if (item.Known is not null)
                {
                    _tally.Changed(file.Path);
                }
                else if (link.PhotoIsNew)
                {
                    _tally.New(file.Path);
                }
                else
                {
                    _tally.Copied(file.Path, link.PhotoId);
                }
                break;
            case Identification.NotImage:
                await catalog.Locations.RecordIgnoredAsync(file.Path, file.Root, file.Size, file.ModifiedTicks, now, origin);
                _tally.Ignored();
                break;
            case Identification.Failed failed:
                await catalog.Locations.RecordFailureAsync(file.Path, file.Root, file.Size, file.ModifiedTicks, failed.Reason, now, origin);
                _tally.Failed(file.Path, failed.Reason);
                break;
            case Identification.Vanished when item.Known is null && ImageSniffer.HasImageExtension(file.Path):
                _tally.Failed(file.Path, "vanished between listing and reading");
                break;
            case Identification.Vanished:
                // A catalogued file that vanished is marked missing at the end of the walk; anything else is no loss.
                break;
        }
    }

    // A walked image's XMP sidecar (darktable, digiKam, Lightroom raw files) is read on every run: sidecars are
    // small, and edited ones must reach the catalog even when the image did not change. A damaged sidecar is
    // reported and the image indexed without it.
    private FoundFile WithSidecar(FoundFile file)
    {
        if (file.SourceId is not null || !ImageSniffer.HasImageExtension(file.Path))
        {
            return file;
        }
        string? sidecar = null;
        try
        {
            sidecar = XmpSidecar.FindFor(file.Path);
            return sidecar is null ? file : file with { Facts = XmpSidecar.Read(sidecar) };
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            _tally.Failed(sidecar ?? file.Path, $"sidecar ignored: {(e is XmpFormatException bad ? bad.Reason : e.Message)}", counted: false);
            return file;
        }
    }

    // What a library or a sidecar says is saved on every run (unchanged facts cost one lookup), so an edit in
    // Lightroom or a new sidecar reaches the catalog even when the image itself did not change.
    private static async Task RecordFactsAsync(PhotoCatalog catalog, FoundFile file, long locationId, long? photoId)
    {
        if (photoId is not { } photo)
        {
            return;
        }
        if (file.Facts is { } facts)
        {
            await catalog.Facts.SaveAsync(locationId, photo, facts);
        }
        else if (file.SourceId is null)
        {
            await catalog.Facts.ForgetAsync(locationId, SidecarSource);
        }
    }

    private async Task RecordUnchangedAsync(PhotoCatalog catalog, KnownLocation known, FoundFile file, Dictionary<long, string> failedPhotos, DateTimeOffset now)
    {
        var path = file.Path;
        await catalog.Locations.TouchAsync(known.Id, now, file.SourceId);
        if (known.Status == LocationStatus.Ignored)
        {
            _tally.Ignored();
        }
        else if (known.Status == LocationStatus.Failed)
        {
            _tally.Failed(path, known.Reason ?? "failed in an earlier run");
        }
        else if (known.PhotoId is { } photoId && failedPhotos.TryGetValue(photoId, out var reason))
        {
            _tally.Failed(path, reason);
        }
        else
        {
            _tally.Unchanged(path);
        }
    }

    private sealed record Scanned(FoundFile File, KnownLocation? Known, Identification? Identification);
}
