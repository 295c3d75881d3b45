using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Models.Ocr;

namespace Shoebox.Tests.Indexing;

/// <summary>
/// A first index gives every photo what search needs (thumbnail, vector) before reading any text; the only previews it
/// makes are those the reading decoded anyway (the rest are made when a photo is first shown).
/// </summary>
[Tier(Tier.Ocr)]
public sealed class TwoPassIndexingTests(OcrModelsFixture models, TinyModelFolder tiny) : IClassFixture<OcrModelsFixture>, IClassFixture<TinyModelFolder>
{
    private static string MakePhotos(TempFolder temp)
    {
        TextPictures.SaveJpeg(TextPictures.Meme("DejaVu Sans Condensed Bold 64", "ONE DOES NOT SIMPLY", "WALK INTO MORDOR", 1600, 1200), temp["photos/meme.jpg"]);
        for (var i = 0; i < 4; i++)
        {
            TestImages.Jpeg(temp[$"photos/beach-{i}.jpg"], 1600 + i, 1200);
        }
        return temp["photos"];
    }

    private static async Task<int> PendingAsync(TempFolder temp, string stage)
    {
        await using var catalog = await new Library(temp.Library).OpenAsync();
        return (await catalog.Stages.CountAsync(stage)).Pending;
    }

    [Fact]
    public async Task Index_WhenReadingTextBegins_EveryPhotoHasItsThumbnailAndVectorAlready()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp);
        using var encoder = new Shoebox.Models.Encoders.OnnxImageEncoder(tiny.Open());
        var indexer = new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { ReadText = true },
            new IndexingServices { Model = encoder.Model, Encoder = encoder, TextReader = models.Engine }));

        var run = indexer.RunAsync(new IndexTargets([root]), CancellationToken.None);
        while (indexer.Progress.Phase is not (IndexPhase.Reading or IndexPhase.Finished))
        {
            await Task.WhenAny(run, Task.Delay(5));
        }
        var phaseSeen = indexer.Progress.Phase;
        var embeddingsPending = await PendingAsync(temp, Stages.Embedding(encoder.Model));
        var thumbnailsPending = await PendingAsync(temp, Stages.Thumbnails);
        var summary = await run;

        Assert.Equal(IndexPhase.Reading, phaseSeen);
        Assert.Equal((0, 0), (embeddingsPending, thumbnailsPending));
        Assert.Equal(5, summary.Processed); // each photo once, though it went through two passes
        Assert.Equal(0, await PendingAsync(temp, Stages.Ocr));
        Assert.Equal(5, indexer.Progress.PhotosRead);
    }

    [Fact]
    public async Task Index_PhotoThatCannotBeDecoded_IsOneFailureThoughBothPassesTriedIt()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp);
        TestImages.TruncatedJpeg(temp["photos/truncated.jpg"]);
        using var encoder = new Shoebox.Models.Encoders.OnnxImageEncoder(tiny.Open());

        var summary = await new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { ReadText = true },
            new IndexingServices { Model = encoder.Model, Encoder = encoder, TextReader = models.Engine })).RunAsync(new IndexTargets([root]), CancellationToken.None);

        var failure = Assert.Single(summary.Failures);
        Assert.Equal("truncated.jpg", Path.GetFileName(failure.Path));
        Assert.Equal((6, 5, 1), (summary.Found, summary.New, summary.Failed));
    }

    [Fact]
    public async Task Index_PhotoWithText_ItsPreviewComesFromTheDecodeThatReadIt()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp);

        await new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { ReadText = true },
            new IndexingServices { TextReader = models.Engine })).RunAsync(new IndexTargets([root]), CancellationToken.None);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var meme = (await catalog.Photos.LoadAsync([(await catalog.Texts.MatchAsync([new TextTerm("mordor", false)], 1))[0].PhotoId])).Values.Single();
        var store = new ThumbnailStore(temp.Library);

        Assert.True(store.HasPreview(meme.Hash));
        using var preview = NetVips.Image.NewFromFile(store.PathOf(meme.Hash, ThumbnailSize.Preview));
        using var grid = NetVips.Image.NewFromFile(store.PathOf(meme.Hash, ThumbnailSize.Grid));
        Assert.Equal((1280, 320), (Math.Max(preview.Width, preview.Height), Math.Max(grid.Width, grid.Height)));
    }

    [Fact]
    public void FirstPassOf_FileAndArchiveEntry_TextWaitsForTheSecondPassUnlessTheBytesAreInAnArchive()
    {
        var hash = ContentHash.Of([1]);
        PendingPhoto Photo(ContentRef? content) => new(1, hash, "/p/a.jpg", 10, 1, [Stages.Metadata, Stages.Ocr]) { Content = content };
        var onlyText = new PendingPhoto(2, hash, "/p/b.jpg", 10, 1, [Stages.Ocr]);

        Assert.Equal([Stages.Metadata], ProcessPhase.FirstPassOf(Photo(null))!.Stages);
        Assert.Equal([Stages.Metadata, Stages.Ocr], ProcessPhase.FirstPassOf(Photo(new ArchiveEntry("/t.zip", "a.jpg")))!.Stages);
        Assert.Null(ProcessPhase.FirstPassOf(onlyText));
    }
}
