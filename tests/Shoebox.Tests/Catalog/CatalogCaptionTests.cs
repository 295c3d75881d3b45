using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

public abstract class CatalogCaptionTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static async Task<long> AddPhotoAsync(PhotoCatalog catalog, int n, bool thumbnailsDone)
    {
        await using var batch = await catalog.BeginBatchAsync();
        var photo = (await catalog.Locations.LinkAsync($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
        if (thumbnailsDone)
        {
            await catalog.Stages.SetAsync(photo, Stages.Thumbnails, StageState.Done, null, DateTimeOffset.UtcNow);
        }
        await batch.CommitAsync();
        return photo;
    }

    [Fact]
    public async Task QueueStageAfterThumbnails_RunTwice_QueuesOnlyPhotosWithThumbnailsAndOnlyOnce()
    {
        await using var catalog = await Engine.OpenAsync();
        var ready = await AddPhotoAsync(catalog, 1, thumbnailsDone: true);
        await AddPhotoAsync(catalog, 2, thumbnailsDone: false);

        var first = await catalog.Stages.QueueAfterThumbnailsAsync(Stages.Caption("llava"), DateTimeOffset.UtcNow);
        var second = await catalog.Stages.QueueAfterThumbnailsAsync(Stages.Caption("llava"), DateTimeOffset.UtcNow);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(ready, Assert.Single(await catalog.Stages.ListWaitingAsync(Stages.Caption("llava"))).PhotoId);
        Assert.Equal("/p/1.jpg", (await catalog.Stages.ListWaitingAsync(Stages.Caption("llava"), limit: 1))[0].Path);
    }

    [Fact]
    public async Task ReplacePhotoText_SameSourceTwice_KeepsTheLatestAndOtherSourcesCaptions()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await AddPhotoAsync(catalog, 1, thumbnailsDone: true);

        foreach (var (source, content) in new[] { ("ollama:llava", "old words"), ("ollama:moondream", "a dog"), ("ollama:llava", "a brown dog") })
        {
            await using var batch = await catalog.BeginBatchAsync();
            await catalog.Texts.ReplaceAsync(photo, "caption", source, content);
            await batch.CommitAsync();
        }

        var captions = (await catalog.Texts.OfPhotoAsync(photo)).Where(t => t.Kind == "caption").Select(t => (t.Source, t.Content)).ToList();
        Assert.Equal([("ollama:moondream", "a dog"), ("ollama:llava", "a brown dog")], captions);
        Assert.Empty(await catalog.Texts.MatchAsync([new TextTerm("old", false)], 10)); // the replaced caption is out of the full-text index too
        Assert.Equal(photo, Assert.Single(await catalog.Texts.MatchAsync([new TextTerm("brown", false)], 10)).PhotoId);
    }

    [Fact]
    public async Task MergeTexts_Twice_CopiesCaptionsOnceAndLeavesOcr()
    {
        await using var catalog = await Engine.OpenAsync();
        var keeper = await AddPhotoAsync(catalog, 1, thumbnailsDone: true);
        var other = await AddPhotoAsync(catalog, 2, thumbnailsDone: true);
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Texts.ReplaceAsync(other, "caption", "ollama:llava", "a cat on a sofa");
            await catalog.Texts.SaveOcrAsync(other, "pp-ocrv4", [new RecognizedLine("EXIT", 0.9, [(0, 0), (1, 0), (1, 1), (0, 1)])]);
            await batch.CommitAsync();
        }

        var added = await catalog.Duplicates.MergeTextsAsync(keeper, [other]) + await catalog.Duplicates.MergeTextsAsync(keeper, [other]);

        Assert.Equal(1, added);
        Assert.Equal([("caption", DuplicateStore.MergeSource, "a cat on a sofa")], (await catalog.Texts.OfPhotoAsync(keeper)).Select(t => (t.Kind, t.Source, t.Content)));
        Assert.Equal(new Dictionary<long, int> { [keeper] = 1, [other] = 2 }, await catalog.Duplicates.CountTextsAsync([keeper, other]));
    }

    [Fact]
    public async Task CountTextsToMerge_BeforeAndAfterMerging_CountsWhatTheMergeAddsAndAddsNothing()
    {
        await using var catalog = await Engine.OpenAsync();
        var keeper = await AddPhotoAsync(catalog, 1, thumbnailsDone: true);
        var other = await AddPhotoAsync(catalog, 2, thumbnailsDone: true);
        await catalog.Texts.ReplaceAsync(other, "caption", "ollama:llava", "a cat on a sofa");

        var before = await catalog.Duplicates.CountTextsToMergeAsync(keeper, [other]);
        var unchanged = (await catalog.Texts.OfPhotoAsync(keeper)).Count;
        var added = await catalog.Duplicates.MergeTextsAsync(keeper, [other]);
        var after = await catalog.Duplicates.CountTextsToMergeAsync(keeper, [other]);

        Assert.Equal((1, 0, 1, 0), (before, unchanged, added, after));
    }

    [Fact]
    public async Task RemoveTag_AnyCase_OutlivesTaggingRunsAndMerges()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await AddPhotoAsync(catalog, 1, thumbnailsDone: true);
        var copy = await AddPhotoAsync(catalog, 2, thumbnailsDone: true);
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Tags.AddUserAsync(photo, "Holiday");
            await catalog.Tags.SaveAutomaticAsync(photo, "clip", [new ScoredTag("dog", 0.4), new ScoredTag("beach", 0.9)]);
            await catalog.Tags.RemoveAsync(photo, "DOG", DateTimeOffset.UtcNow);
            await catalog.Tags.SaveAutomaticAsync(photo, "clip", [new ScoredTag("dog", 0.5), new ScoredTag("beach", 0.9)]);
            await catalog.Tags.SaveAutomaticAsync(copy, "clip", [new ScoredTag("Dog", 0.7)]);
            await batch.CommitAsync();
        }

        await catalog.Duplicates.MergeTextsAsync(photo, [copy]);

        Assert.Equal([("Holiday", true), ("beach", false)], (await catalog.Tags.OfPhotoAsync(photo)).Select(t => (t.Name, t.ByUser)));
        Assert.Equal(0.9, (await catalog.Tags.OfPhotoAsync(photo))[1].Score);
        Assert.Equal(["Dog", "Holiday", "beach"], (await catalog.Tags.CountAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogCaptionTests() : CatalogCaptionTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogCaptionTests() : CatalogCaptionTests(new PostgresEngine());
