using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing.Tags;

namespace Shoebox.Indexing;

/// <summary>
/// The tag phase, after the photos are processed: automatic tags come from what the catalog already holds (the lines
/// read in a photo, its file, its vector), so no image is decoded again and a library is re-tagged in seconds.
/// </summary>
public sealed partial class Indexer
{
    /// <summary>The source of every automatic tag: one tagging replaces all of them, so a changed model leaves none of the old behind.</summary>
    public const string AutoTagSource = "auto";

    private const string TaggerSetting = "tagger";

    private string TaggerVersion =>
        _options.ZeroShot is { } zeroShot
            ? $"{ImageKindRules.Version}|{Shoebox.Models.Tags.TagVocabulary.BuiltIn.Version}|{zeroShot.Model.Key}|{zeroShot.Temperature}"
            : ImageKindRules.Version;

    /// <summary>Queues the tag stage for photos without it, and for all of them when the tagger changed since they were tagged.</summary>
    private void PrepareTags(PhotoCatalog catalog)
    {
        if (!_options.Tag)
        {
            return;
        }
        if (catalog.GetSetting(TaggerSetting) != TaggerVersion)
        {
            catalog.RequeueStage(Stages.Tags);
            catalog.SetSetting(TaggerSetting, TaggerVersion);
        }
        catalog.QueueStage(Stages.Tags);
    }

    private int TagPending(PhotoCatalog catalog, CancellationToken cancellationToken)
    {
        if (!_options.Tag)
        {
            return 0;
        }
        var tagged = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = catalog.ListPendingStage(Stages.Tags, limit: 500).Select(work => work.PhotoId).ToList();
            if (ids.Count == 0)
            {
                break;
            }
            TagPhotos(catalog, ids);
            tagged += ids.Count;
        }
        return tagged;
    }

    /// <summary>Tags <paramref name="ids"/> from what the catalog holds for them, in one transaction.</summary>
    private void TagPhotos(PhotoCatalog catalog, IReadOnlyList<long> ids)
    {
        var photos = catalog.LoadPhotos(ids);
        var lines = catalog.LoadOcrLines(ids);
        var vectors = _options.ZeroShot is { } zeroShot ? catalog.LoadEmbeddings(zeroShot.Model, ids) : [];
        var now = DateTimeOffset.UtcNow;
        using var batch = catalog.BeginBatch();
        foreach (var id in ids)
        {
            var tags = photos.TryGetValue(id, out var photo) ? ImageKindRules.Tag(photo, lines.GetValueOrDefault(id) ?? []) : [];
            if (vectors.TryGetValue(id, out var vector))
            {
                tags.AddRange(_options.ZeroShot!.Tag(vector).Select(t => new ScoredTag(t.Name, t.Score)));
            }
            batch.SaveAutoTags(id, AutoTagSource, [.. tags.DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase)]);
            batch.SetStage(id, Stages.Tags, StageState.Done, null, now);
        }
        batch.Commit();
    }
}
