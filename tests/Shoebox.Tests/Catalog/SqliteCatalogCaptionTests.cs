using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Catalog;

public class SqliteCatalogCaptionTests
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
        using var temp = new TempFolder();
        using var catalog = PhotoCatalog.Open(temp.Library);
        var ready = AddPhoto(catalog, 1, thumbnailsDone: true);
        AddPhoto(catalog, 2, thumbnailsDone: false);

        var first = catalog.QueueStageAfterThumbnails(Stages.Caption("llava"), DateTimeOffset.UtcNow);
        var second = catalog.QueueStageAfterThumbnails(Stages.Caption("llava"), DateTimeOffset.UtcNow);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(ready, Assert.Single(catalog.ListPendingStage(Stages.Caption("llava"))).PhotoId);
        Assert.Equal("/p/1.jpg", catalog.ListPendingStage(Stages.Caption("llava"))[0].Path);
    }

    [Fact]
    public void ReplacePhotoText_SameSourceTwice_KeepsTheLatestAndOtherSourcesCaptions()
    {
        using var temp = new TempFolder();
        using var catalog = PhotoCatalog.Open(temp.Library);
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
}
