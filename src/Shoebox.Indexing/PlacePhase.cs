using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Models.Places;

namespace Shoebox.Indexing;

/// <summary>
/// The place phase, after the photos' metadata is read: each photo with coordinates gets the names of where it was
/// taken (town, regions, country) from the place data, without decoding anything; a library of 100,000 photos is
/// placed in seconds. All are placed again when the data changes. Coordinates of 0, 0 (what cameras without a fix
/// write) and out-of-range ones are set aside as failed, with the reason, so `status` reports them.
/// </summary>
internal sealed class PlacePhase(IndexSettings settings, PlaceFinder? finder)
{
    private const string DataSetting = "places";
    private const int BatchSize = 1000;

    /// <summary>Queues the place stage for photos without it, and for all of them when the data changed since they were placed.</summary>
    public async Task PrepareAsync(PhotoCatalog catalog)
    {
        // Without the data nothing is queued: the message that it could not be had says why, and the first run that has
        // it queues every photo.
        if (!settings.Places || finder is null)
        {
            return;
        }
        if (await catalog.Settings.GetAsync(DataSetting) != finder.Table.Version)
        {
            await catalog.Stages.RequeueAsync(Stages.Places);
            await catalog.Settings.SetAsync(DataSetting, finder.Table.Version);
        }
        await catalog.Stages.QueueAsync(Stages.Places);
    }

    /// <summary>Places every photo waiting for it whose metadata is read, a transaction per thousand; returns how many.</summary>
    public async Task<int> PlacePendingAsync(PhotoCatalog catalog, CancellationToken cancellationToken)
    {
        if (!settings.Places || finder is null)
        {
            return 0;
        }
        var placed = 0;
        var after = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = await catalog.Places.ListWaitingAsync(after, BatchSize);
            if (waiting.Count == 0)
            {
                break;
            }
            var now = DateTimeOffset.UtcNow;
            await using var batch = await catalog.BeginBatchAsync();
            foreach (var (id, latitude, longitude) in waiting)
            {
                var unusable = latitude is { } lat && longitude is { } lon ? PlaceFinder.Unusable(lat, lon) : null;
                var match = latitude is { } y && longitude is { } x && unusable is null ? finder.Find(y, x) : null;
                await catalog.Places.SaveAsync(id, match is null ? null : Of(match));
                await catalog.Stages.SetAsync(id, Stages.Places, unusable is null ? StageState.Done : StageState.Failed, unusable, now);
            }
            await batch.CommitAsync();
            placed += waiting.Count;
            after = waiting[^1].PhotoId;
        }
        return placed;
    }

    private static PhotoPlace Of(PlaceMatch match) =>
        new(match.Display, match.City, match.Subregion, match.Region, match.Country.Name, match.Country.Code, match.SearchNames);
}
