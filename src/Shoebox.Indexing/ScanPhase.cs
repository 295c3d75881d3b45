using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;
using Shoebox.Sources.Xmp;

namespace Shoebox.Indexing;

/// <summary>What the scan left out: photo libraries that could not be read, and library folders the walk left to `import`.</summary>
internal sealed record ScanOutcome(IReadOnlyList<IndexFailure> UnreadableLibraries, IReadOnlyList<string> SkippedLibraries);

/// <summary>
/// The scan phase: walk (walk -> read and hash what is new or changed -> one catalog writer), record what exists,
/// then mark what vanished.
/// </summary>
internal sealed class ScanPhase(IndexingPipeline pipeline, RunTally tally, ILogger logger)
{
    // The source name of facts read from XMP sidecars beside walked files.
    private const string SidecarSource = "xmp";

    private const string StampSetting = "library-stamp:";

    private readonly IndexSettings _settings = pipeline.Settings;

    public async Task<ScanOutcome> RunAsync(
        PhotoCatalog catalog, IReadOnlyList<string> roots, IReadOnlyList<LibrarySource> libraries, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (_settings.RetryFailed)
        {
            await catalog.Stages.RetryFailedAsync();
        }
        var known = await catalog.Locations.LoadAllAsync();
        var failedPhotos = await catalog.Stages.LoadFailedAsync();
        var (pairing, pairingTurnedOn) = await RawPairing.ForRunAsync(catalog, _settings.KeepRawPairsApart);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded so a fast walker cannot run far ahead of reading: memory stays flat on any library size.
        var found = Channel.CreateBounded<FoundFile>(new BoundedChannelOptions(4096) { SingleReader = false });
        var scanned = Channel.CreateBounded<Scanned>(new BoundedChannelOptions(4096) { SingleReader = true });

        var changed = new List<LibrarySource>();
        foreach (var library in libraries)
        {
            if (!await IsUnchangedAsync(catalog, library))
            {
                changed.Add(library);
            }
        }
        var walker = new FolderWalker(_settings.Walk with { ExcludedPaths = [.. _settings.Walk.ExcludedPaths, pipeline.Library.Folder] });
        var list = SourceListing.ListAllAsync(walker, roots, changed, found.Writer, stop.Token);
        var read = PipelineChannels.ProduceAsync(found.Reader, scanned.Writer, _settings.ReadParallelism, file => Scan(file, known), stop.Token);
        var write = Task.Run(
            () => PipelineChannels.WriteAllAsync(catalog, scanned.Reader, _settings.BatchSize, (writer, item) => RecordAsync(writer, item, failedPhotos, pairing)),
            CancellationToken.None);

        await PipelineChannels.WhenAllOrFirstFailure(stop, write, list, read);
        foreach (var alone in await pairing.PairAsync(catalog, known.Keys, pairingTurnedOn, tally))
        {
            await LinkAsync(catalog, alone.Image, alone.Known, failedPhotos);
        }
        var listing = list.Result;
        var skipped = new List<string>();
        foreach (var problem in listing.WalkProblems.Where(p => p.IsFolder || ImageSniffer.HasImageExtension(p.Path)))
        {
            if (problem.Reason == FolderWalker.LibraryFolderReason)
            {
                skipped.Add(problem.Path);
            }
            else
            {
                tally.Failed(problem.Path, problem.Reason);
            }
        }
        foreach (var problem in listing.LibraryProblems)
        {
            tally.Failed(problem.Path, problem.Reason);
        }
        foreach (var unreadable in listing.Unreadable)
        {
            IndexingLog.LibraryUnreadable(logger, unreadable.Path, unreadable.Reason);
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            await RecordVanishedAsync(catalog, roots, listing, started);
            await SplitPairsAsync(catalog, pairing);
        }
        return new ScanOutcome(listing.Unreadable, skipped);
    }

    private async Task RecordVanishedAsync(PhotoCatalog catalog, IReadOnlyList<string> roots, SourceListing listing, DateTimeOffset started)
    {
        var unlisted = listing.WalkProblems.Where(p => p.IsFolder).Select(p => p.Path).ToList();
        tally.Vanished(await catalog.Locations.RecordVanishedAsync(roots, started, unlisted));
        foreach (var library in listing.CompleteLibraries)
        {
            tally.Vanished(await catalog.Locations.RecordVanishedFromSourceAsync(library.Id, started));
            if (library.Stamp?.Invoke() is { } stamp)
            {
                await catalog.Settings.SetAsync(StampSetting + library.Id, stamp);
            }
        }
    }

    // A paired raw whose JPEG is gone (or no longer the same shot, or pairs are now kept apart) is read again and
    // becomes a photo of its own.
    private async Task SplitPairsAsync(PhotoCatalog catalog, RawPairing pairing)
    {
        foreach (var raw in await pairing.ListToSplitAsync(catalog))
        {
            var file = WithSidecar(new FoundFile(raw.Path, raw.Root, raw.Size, raw.ModifiedTicks));
            switch (FileIdentifier.Identify(file))
            {
                case Identification.Image image:
                    await LinkAsync(catalog, image, known: null, []);
                    break;
                case Identification.Failed failed:
                    await catalog.Locations.RecordFailureAsync(file.Path, file.Root, file.Size, file.ModifiedTicks, failed.Reason, DateTimeOffset.UtcNow);
                    tally.Failed(file.Path, failed.Reason);
                    break;
            }
        }
    }

    private async Task<bool> IsUnchangedAsync(PhotoCatalog catalog, LibrarySource library) =>
        _settings.SkipUnchangedLibraries && library.Stamp?.Invoke() is { } stamp && await catalog.Settings.GetAsync(StampSetting + library.Id) == stamp;

    private Scanned Scan(FoundFile file, Dictionary<string, KnownLocation> known)
    {
        tally.FileFound();
        file = WithSidecar(file);
        var isKnown = known.TryGetValue(file.Path, out var location);
        if (isKnown && location!.Size == file.Size && location.ModifiedTicks == file.ModifiedTicks && Equals(location.Content, file.Content))
        {
            return new Scanned(file, location, null);
        }
        return new Scanned(file, location, FileIdentifier.Identify(file));
    }

    private async Task RecordAsync(PhotoCatalog catalog, Scanned item, Dictionary<long, string> failedPhotos, RawPairing pairing)
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
            case Identification.Image image when pairing.Holds(image, item.Known):
                break;
            case Identification.Image image:
                await LinkAsync(catalog, image, item.Known, failedPhotos);
                break;
            case Identification.NotImage:
                await catalog.Locations.RecordIgnoredAsync(file.Path, file.Root, file.Size, file.ModifiedTicks, now, origin);
                tally.Ignored();
                break;
            case Identification.Failed failed:
                await catalog.Locations.RecordFailureAsync(file.Path, file.Root, file.Size, file.ModifiedTicks, failed.Reason, now, origin);
                tally.Failed(file.Path, failed.Reason);
                break;
            case Identification.Vanished when item.Known is null && ImageSniffer.HasImageExtension(file.Path):
                tally.Failed(file.Path, "vanished between listing and reading");
                break;
            case Identification.Vanished:
                // A catalogued file that vanished is marked missing at the end of the walk; anything else is no loss.
                break;
        }
    }

    private async Task LinkAsync(PhotoCatalog catalog, Identification.Image image, KnownLocation? known, Dictionary<long, string> failedPhotos)
    {
        var file = image.File;
        var link = await catalog.Locations.LinkAsync(
            file.Path, file.Root, image.Size, image.ModifiedTicks, image.Hash, image.Format, DateTimeOffset.UtcNow, new LocationOrigin(file.SourceId, file.Content));
        await RecordFactsAsync(catalog, file, link.LocationId, link.PhotoId);
        if (failedPhotos.TryGetValue(link.PhotoId, out var reason))
        {
            tally.Failed(file.Path, reason);
        }
        else if (known is not null)
        {
            tally.Changed(file.Path);
        }
        else if (link.PhotoIsNew)
        {
            tally.New(file.Path);
        }
        else
        {
            tally.Copied(file.Path, link.PhotoId);
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
            tally.Failed(sidecar ?? file.Path, $"sidecar ignored: {(e is XmpFormatException bad ? bad.Reason : e.Message)}", counted: false);
            return file;
        }
    }

    // What a library or a sidecar says is saved on every run (unchanged facts cost one lookup), so an edit in
    // Lightroom or a new sidecar reaches the catalog even when the image itself did not change.
    internal static async Task RecordFactsAsync(PhotoCatalog catalog, FoundFile file, long locationId, long? photoId)
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
            tally.Ignored();
        }
        else if (known.Status == LocationStatus.Failed)
        {
            tally.Failed(path, known.Reason ?? "failed in an earlier run");
        }
        else if (known.PhotoId is { } photoId && failedPhotos.TryGetValue(photoId, out var reason))
        {
            tally.Failed(path, reason);
        }
        else
        {
            tally.Unchanged(path);
        }
    }

    private sealed record Scanned(FoundFile File, KnownLocation? Known, Identification? Identification);
}
