using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing.Tags;
using Shoebox.Models.Tags;

namespace Shoebox.Indexing;

/// <summary>
/// The tag phase, after the photos are processed: automatic tags come from what the catalog already holds (the lines
/// read in a photo, its file, its vector), so no image is decoded again and a library is re-tagged in seconds.
/// </summary>
internal sealed class TagPhase(IndexSettings settings, ZeroShotTagger? zeroShot)
{
    /// <summary>The source of every automatic tag: one tagging replaces all of them, so a changed model leaves none of the old behind.</summary>
    public const string AutoTagSource = "auto";

    private const string TaggerSetting = "tagger";

    private string TaggerVersion =>
        zeroShot is not null
            ? $"{ImageKindRules.Version}|{TagVocabulary.BuiltIn.Version}|{zeroShot.Model.Key}|{zeroShot.Temperature}"
            : ImageKindRules.Version;

    /// <summary>Queues the tag stage for photos without it, and for all of them when the tagger changed since they were tagged.</summary>
    public async Task PrepareAsync(PhotoCatalog catalog)
    {
        if (!settings.Tag)
        {
            return;
        }
        if (await catalog.Settings.GetAsync(TaggerSetting) != TaggerVersion)
        {
            await catalog.Stages.RequeueAsync(Stages.Tags);
            await catalog.Settings.SetAsync(TaggerSetting, TaggerVersion);
        }
        await catalog.Stages.QueueAsync(Stages.Tags);
    }

    /// <summary>Tags every photo waiting for it, in transactions of 500; returns how many.</summary>
    public async Task<int> TagPendingAsync(PhotoCatalog catalog, CancellationToken cancellationToken)
    {
        if (!settings.Tag)
        {
            return 0;
        }
        var tagged = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = (await catalog.Stages.ListWaitingAsync(Stages.Tags, limit: 500)).Select(work => work.PhotoId).ToList();
            if (ids.Count == 0)
            {
                break;
            }
            await TagPhotosAsync(catalog, ids);
            tagged += ids.Count;
        }
        return tagged;
    }

    /// <summary>Tags <paramref name="ids"/> from what the catalog holds for them, in one transaction.</summary>
    public async Task TagPhotosAsync(PhotoCatalog catalog, IReadOnlyList<long> ids)
    {
        if (!settings.Tag)
        {
            return;
        }
        var photos = await catalog.Photos.LoadAsync(ids);
        var lines = await catalog.Texts.LoadOcrLinesAsync(ids);
        var vectors = zeroShot is not null ? await catalog.Vectors.LoadAsync(zeroShot.Model, ids) : [];
        var now = DateTimeOffset.UtcNow;
        await using var batch = await catalog.BeginBatchAsync();
        foreach (var id in ids)
        {
            var tags = photos.TryGetValue(id, out var photo) ? ImageKindRules.Tag(photo, lines.GetValueOrDefault(id) ?? []) : [];
            if (vectors.TryGetValue(id, out var vector))
            {
                tags.AddRange(zeroShot!.Tag(vector).Select(t => new ScoredTag(t.Name, t.Score)));
            }
            await catalog.Tags.SaveAutomaticAsync(id, AutoTagSource, [.. tags.DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase)]);
            await catalog.Stages.SetAsync(id, Stages.Tags, StageState.Done, null, now);
        }
        await batch.CommitAsync();
    }
}
