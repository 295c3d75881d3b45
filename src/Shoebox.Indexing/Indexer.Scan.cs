using System.Threading.Channels;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Indexing;

/// <summary>The scan phase: walk, read and hash what is new or changed, record it; mark what vanished.</summary>
public sealed partial class Indexer
{
    private async Task ScanAsync(SqliteCatalog catalog, IReadOnlyList<string> roots, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (_options.RetryFailed)
        {
            catalog.RetryFailed();
        }
        var known = catalog.LoadLocations();
        var failedPhotos = catalog.LoadFailedPhotos();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded so a fast walker cannot run far ahead of reading: memory stays flat on any library size.
        var found = Channel.CreateBounded<FoundFile>(new BoundedChannelOptions(4096) { SingleReader = false });
        var scanned = Channel.CreateBounded<Scanned>(new BoundedChannelOptions(4096) { SingleReader = true });

        var walker = new FolderWalker(_options.Walk with { ExcludedPaths = [.. _options.Walk.ExcludedPaths, _options.LibraryFolder] });
        var walk = walker.WalkAsync(roots, found.Writer, stop.Token);
        var read = ProduceAsync(found.Reader, scanned.Writer, _options.ReadParallelism, file => Scan(file, known), stop.Token);
        var write = Task.Run(() => WriteAll(catalog, scanned.Reader, _options.BatchSize, (batch, item) => Record(batch, item, failedPhotos)), CancellationToken.None);

        await WhenAllOrFirstFailure(stop, write, walk, read);
        foreach (var problem in walk.Result.Where(p => p.IsFolder || ImageSniffer.HasImageExtension(p.Path)))
        {
            _tally.Failed(problem.Path, problem.Reason);
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            var unlisted = walk.Result.Where(p => p.IsFolder).Select(p => p.Path).ToList();
            _tally.Vanished(catalog.RecordVanished(roots, started, unlisted, DateTimeOffset.UtcNow));
        }
    }

    private Scanned Scan(FoundFile file, Dictionary<string, KnownLocation> known)
    {
        _tally.FileFound();
        var isKnown = known.TryGetValue(file.Path, out var location);
        if (isKnown && location!.Size == file.Size && location.ModifiedTicks == file.ModifiedTicks)
        {
            return new Scanned(file, location, null);
        }
        return new Scanned(file, location, FileIdentifier.Identify(file));
    }

    private void Record(CatalogBatch batch, Scanned item, Dictionary<long, string> failedPhotos)
    {
        var now = DateTimeOffset.UtcNow;
        var file = item.File;
        switch (item.Identification)
        {
            case null:
                RecordUnchanged(batch, item.Known!, file.Path, failedPhotos, now);
                break;
            case Identification.Image image:
                var link = batch.LinkFile(file.Path, file.Root, image.Size, image.ModifiedTicks, image.Hash, image.Format, now);
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
                batch.RecordIgnored(file.Path, file.Root, file.Size, file.ModifiedTicks, now);
                _tally.Ignored();
                break;
            case Identification.Failed failed:
                batch.RecordFailure(file.Path, file.Root, file.Size, file.ModifiedTicks, failed.Reason, now);
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

    private void RecordUnchanged(CatalogBatch batch, KnownLocation known, string path, Dictionary<long, string> failedPhotos, DateTimeOffset now)
    {
        batch.Touch(known.Id, now);
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
