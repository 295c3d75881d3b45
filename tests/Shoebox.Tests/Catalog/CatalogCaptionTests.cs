using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

public abstract class CatalogCaptionTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static long AddPhoto(PhotoCatalog catalog, int n, bool thumbnailsDone)
    {
        using var batch = catalog.BeginBatch();
        var photo = batch.LinkFile($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow).PhotoId;
        if (thumbnailsDone)
        {
            batch.SetStage(photo, Stages.Thumbnails, StageState.Done, null, DateTimeOffset.UtcNow);
        }
        batch.Commit();
        return photo;
    }

    [Fact]
    public void QueueStageAfterThumbnails_RunTwice_QueuesOnlyPhotosWithThumbnailsAndOnlyOnce()
    {
        using var catalog = Engine.Open();
        var ready = AddPhoto(catalog, 1, thumbnailsDone: true);
        AddPhoto(catalog, 2, thumbnailsDone: false);

        var first = catalog.QueueStageAfterThumbnails(Stages.Caption("llava"), DateTimeOffset.UtcNow);
        var second = catalog.QueueStageAfterThumbnails(Stages.Caption("llava"), DateTimeOffset.UtcNow);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(ready, Assert.Single(catalog.ListPendingStage(Stages.Caption("llava"))).PhotoId);
        Assert.Equal("/p/1.jpg", catalog.ListPendingStage(Stages.Caption("llava"), limit: 1)[0].Path);
    }

    [Fact]
    public void ReplacePhotoText_SameSourceTwice_KeepsTheLatestAndOtherSourcesCaptions()
    {
        using var catalog = Engine.Open();
        var photo = AddPhoto(catalog, 1, thumbnailsDone: true);

        foreach (var (source, content) in new[] { ("ollama:llava", "old words"), ("ollama:moondream", "a dog"), ("ollama:llava", "a brown dog") })
        {
            using var batch = catalog.BeginBatch();
            batch.ReplacePhotoText(photo, "caption", source, content);
            batch.Commit();
        }

        var captions = catalog.LoadTextsOf(photo).Where(t => t.Kind == "caption").Select(t => (t.Source, t.Content)).ToList();
        Assert.Equal([("ollama:moondream", "a dog"), ("ollama:llava", "a brown dog")], captions);
        Assert.Empty(catalog.MatchText([new TextTerm("old", false)], 10)); // the replaced caption is out of the full-text index too
        Assert.Equal(photo, Assert.Single(catalog.MatchText([new TextTerm("brown", false)], 10)).PhotoId);
    }

    [Fact]
    public void MergeTexts_Twice_CopiesCaptionsOnceAndLeavesOcr()
    {
        using var catalog = Engine.Open();
        var keeper = AddPhoto(catalog, 1, thumbnailsDone: true);
        var other = AddPhoto(catalog, 2, thumbnailsDone: true);
        using (var batch = catalog.BeginBatch())
        {
            batch.ReplacePhotoText(other, "caption", "ollama:llava", "a cat on a sofa");
            batch.SaveOcr(other, "pp-ocrv4", [new RecognizedLine("EXIT", 0.9, [(0, 0), (1, 0), (1, 1), (0, 1)])]);
            batch.Commit();
        }

        var added = catalog.MergeTexts(keeper, [other]) + catalog.MergeTexts(keeper, [other]);

        Assert.Equal(1, added);
        Assert.Equal([("caption", PhotoCatalog.MergeSource, "a cat on a sofa")], catalog.LoadTextsOf(keeper).Select(t => (t.Kind, t.Source, t.Content)));
        Assert.Equal(new Dictionary<long, int> { [keeper] = 1, [other] = 2 }, catalog.CountTexts([keeper, other]));
    }

    [Fact]
    public void RemoveTag_AnyCase_OutlivesTaggingRunsAndMerges()
    {
        using var catalog = Engine.Open();
        var photo = AddPhoto(catalog, 1, thumbnailsDone: true);
        var copy = AddPhoto(catalog, 2, thumbnailsDone: true);
        using (var batch = catalog.BeginBatch())
        {
            batch.AddUserTag(photo, "Holiday");
            batch.SaveAutoTags(photo, "clip", [new ScoredTag("dog", 0.4), new ScoredTag("beach", 0.9)]);
            batch.RemoveTag(photo, "DOG", DateTimeOffset.UtcNow);
            batch.SaveAutoTags(photo, "clip", [new ScoredTag("dog", 0.5), new ScoredTag("beach", 0.9)]);
            batch.SaveAutoTags(copy, "clip", [new ScoredTag("Dog", 0.7)]);
            batch.Commit();
        }

        catalog.MergeTexts(photo, [copy]);

        Assert.Equal([("Holiday", true), ("beach", false)], catalog.ListTagsOf(photo).Select(t => (t.Name, t.ByUser)));
        Assert.Equal(0.9, catalog.ListTagsOf(photo)[1].Score);
        Assert.Equal(["Dog", "Holiday", "beach"], catalog.CountTags().Select(t => t.Name).Order(StringComparer.Ordinal));
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogCaptionTests() : CatalogCaptionTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogCaptionTests() : CatalogCaptionTests(new PostgresEngine());
