using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;

namespace Shoebox.Tests.Catalog;

/// <summary>The catalog's behaviour, the same on every engine (see the classes at the end).</summary>
public abstract class CatalogTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static ContentHash Hash(int n) => ContentHash.Of(BitConverter.GetBytes(n));

    [Fact]
    public void Open_Twice_KeepsDataAndDoesNotMigrateAgain()
    {
        using (var catalog = Engine.Open())
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }

        using var reopened = Engine.Open();

        Assert.Equal(1, reopened.GetStatus().Photos);
        Assert.Equal("ok", reopened.CheckIntegrity());
    }

    [Fact]
    public void Open_FourAtOnceOnANewCatalog_AllSucceedAndShareOneSchema()
    {
        var opened = new PhotoCatalog[4];

        Parallel.For(0, opened.Length, i => opened[i] = Engine.Open());
        using (var batch = opened[0].BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }

        Assert.All(opened, catalog => Assert.Equal(1, catalog.GetStatus().Photos));
        foreach (var catalog in opened)
        {
            catalog.Dispose();
        }
    }

    [Fact]
    public void Open_CatalogFromNewerVersion_IsRefusedWithClearMessage()
    {
        Engine.Open().Dispose();
        Engine.MarkNewerSchema();

        var error = Assert.Throws<LibraryUnavailableException>(() => Engine.Open());

        Assert.Contains("newer Shoebox", error.Message);
    }

    [Fact]
    public void LinkFile_SameContentAtTwoPaths_IsOnePhotoWithTwoLocations()
    {
        using var catalog = Engine.Open();
        LinkResult first, second;
        using (var batch = catalog.BeginBatch())
        {
            first = batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(7), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            second = batch.LinkFile("/p/copy of a.jpg", "/p", 10, 1, Hash(7), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }

        var status = catalog.GetStatus();

        Assert.True(first.PhotoIsNew);
        Assert.False(second.PhotoIsNew);
        Assert.Equal(first.PhotoId, second.PhotoId);
        Assert.Equal((1, 2), (status.Photos, status.Locations));
        Assert.Equal(new StageCounts(1, 0, 0), status.Stages[Stages.Thumbnails]);
        Assert.Equal(["/p/a.jpg", "/p/copy of a.jpg"], catalog.LoadCopies()[first.PhotoId]);
    }

    [Fact]
    public void Batch_NotCommitted_LeavesNothingBehind()
    {
        using var catalog = Engine.Open();
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        }

        Assert.Equal(0, catalog.GetStatus().Photos);
        Assert.Empty(catalog.LoadLocations());
    }

    [Fact]
    public void RecordVanished_UnlistedFolderAndOtherRoots_KeepTheirLocations()
    {
        using var catalog = Engine.Open();
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-5);
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/gone.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, earlier);
            batch.LinkFile("/p/locked/kept.jpg", "/p", 10, 1, Hash(2), ImageFormat.Jpeg, earlier);
            batch.LinkFile("/pictures/elsewhere.jpg", "/pictures", 10, 1, Hash(3), ImageFormat.Jpeg, earlier);
            batch.Commit();
        }

        var vanished = catalog.RecordVanished(["/p"], DateTimeOffset.UtcNow, ["/p/locked"], DateTimeOffset.UtcNow);

        Assert.Equal(1, vanished.Missing);
        Assert.Equal(LocationStatus.Missing, catalog.LoadLocations()["/p/gone.jpg"].Status);
        Assert.Equal(LocationStatus.Ok, catalog.LoadLocations()["/p/locked/kept.jpg"].Status);
        Assert.Equal(LocationStatus.Ok, catalog.LoadLocations()["/pictures/elsewhere.jpg"].Status);
        Assert.Single(catalog.Prune().Photos);
        Assert.Equal(2, catalog.GetStatus().Photos);
    }

    [Fact]
    public void Texts_WrittenBehindTheCatalogsBack_AreFoundThroughFullTextSearch()
    {
        using (var catalog = Engine.Open())
        using (var batch = catalog.BeginBatch())
        {
            batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.Commit();
        }
        Engine.Query("INSERT INTO texts (photo_id, kind, source, content) VALUES (1, 'ocr', 'test', 'One does not simply walk into Mordor')");

        using var reopened = Engine.Open();

        Assert.Equal(1, Assert.Single(reopened.MatchText([new TextTerm("mordor", false)], 10)).PhotoId);
        Assert.Empty(reopened.MatchText([new TextTerm("gondor", false)], 10));
    }

    [Fact]
    public void MatchText_FileAndFolderNames_AreWordsWithoutAccentsOrCase()
    {
        using var catalog = Engine.Open();
        long invoice, café;
        using (var batch = catalog.BeginBatch())
        {
            invoice = batch.LinkFile("/home/me/Pictures/Invoices/invoice_2019.png", "/home/me/Pictures", 10, 1, Hash(1), ImageFormat.Png, DateTimeOffset.UtcNow).PhotoId;
            café = batch.LinkFile("/home/me/Pictures/Trips/Café de Flore.jpg", "/home/me/Pictures", 10, 1, Hash(2), ImageFormat.Jpeg, DateTimeOffset.UtcNow).PhotoId;
            batch.Commit();
        }

        Assert.Equal(invoice, Assert.Single(catalog.MatchText([new TextTerm("invoice", false)], 10)).PhotoId);
        Assert.Equal(invoice, Assert.Single(catalog.MatchText([new TextTerm("2019", false)], 10)).PhotoId);
        Assert.Equal(café, Assert.Single(catalog.MatchText([new TextTerm("cafe de flore", true)], 10)).PhotoId);
        Assert.Equal(café, Assert.Single(catalog.MatchText([new TextTerm("CAF", false)], 10)).PhotoId);
        Assert.Empty(catalog.MatchText([new TextTerm("pictures", false)], 10)); // the folders above the root say nothing
        Assert.Empty(catalog.MatchText([new TextTerm("flore de", true)], 10));
        Assert.Equal(2, catalog.MatchText([new TextTerm("invoice", false), new TextTerm("flore", false)], 10, any: true).Count);
        Assert.Empty(catalog.MatchText([new TextTerm("invoice", false), new TextTerm("flore", false)], 10));
        Assert.Empty(catalog.MatchText([new TextTerm("\"*:&|!", false)], 10));
    }

    [Fact]
    public void SaveFacts_OverridingSourceAndKeywords_ShapeThePhotoAndItsFilters()
    {
        using var catalog = Engine.Open();
        long photo;
        using (var batch = catalog.BeginBatch())
        {
            var link = batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            photo = link.PhotoId;
            batch.LinkFile("/p/b.heic", "/p", 10, 1, Hash(2), ImageFormat.Png, DateTimeOffset.UtcNow);
            batch.SaveMetadata(photo, new PhotoMetadata { Format = ImageFormat.Jpeg, TakenAt = new DateTime(2001, 2, 3, 4, 5, 6), CameraMake = "Canon", CameraModel = "EOS 5D", Width = 40, Height = 30 });
            batch.SaveFacts(link.LocationId, photo, new SourceFacts
            {
                Source = "lightroom",
                Overrides = true,
                TakenAt = new DateTime(1999, 12, 31, 23, 0, 0),
                Latitude = 48.85,
                Longitude = 2.33,
                Rating = 4,
                Favorite = true,
                Keywords = ["Places|France|Paris", "dog"],
            });
            batch.Commit();
        }

        var loaded = catalog.LoadPhotos([photo, 999])[photo];

        Assert.Equal("1999-12-31T23:00:00", loaded.TakenAt);
        Assert.Equal(("Canon", "EOS 5D", 40), (loaded.CameraMake, loaded.CameraModel, loaded.Width));
        Assert.Equal(["/p/a.jpg"], loaded.Paths);
        Assert.Equal([photo], catalog.FilterPhotos(new PhotoFilter { Keywords = ["france"] }));
        Assert.Equal([photo], catalog.FilterPhotos(new PhotoFilter { Cameras = ["eos"], MinRating = 3, HasLocation = true }));
        Assert.Equal([photo], catalog.FilterPhotos(new PhotoFilter { Flags = [PhotoMark.Favorite], Folders = ["P"] }));
        Assert.Single(catalog.FilterPhotos(new PhotoFilter { ExcludedKeywords = ["dog"] }));
        Assert.Single(catalog.FilterPhotos(new PhotoFilter { Formats = [ImageFormat.Png] }));
        Assert.Equal([photo], catalog.ListPhotos(PhotoFilter.None, PhotoOrder.Oldest, 0, 1));
        Assert.Single(catalog.ListPhotos(PhotoFilter.None, PhotoOrder.Random, 0, 5, excluded: [photo]));
        Assert.Equal(photo, Assert.Single(catalog.MatchText([new TextTerm("paris", true)], 10)).PhotoId);
    }

    [Fact]
    public void SaveEmbedding_RoundTripsAtHalfPrecision()
    {
        using var catalog = Engine.Open();
        var model = new ModelIdentity("test-model", "1", 3);
        catalog.RegisterModel(model, new { source = "test" });
        long photo;
        using (var batch = catalog.BeginBatch())
        {
            photo = batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow).PhotoId;
            batch.SaveEmbedding(photo, model, [0.5f, -0.25f, 0.1f]);
            batch.SaveEmbedding(photo, model, [0.5f, -0.25f, 0.3333f]);
            batch.Commit();
        }

        var vector = catalog.LoadEmbeddings(model, [photo])[photo];

        Assert.Equal([0.5f, -0.25f, (float)(Half)0.3333f], vector);
        Assert.Equal([photo], catalog.ListSearchable(model));
        Assert.Equal(vector, catalog.LoadEmbeddings(model)[photo]);
    }

    [Fact]
    public void ListPending_StagesOfThisRun_ListsEachPhotoOnceWithItsStages()
    {
        using var catalog = Engine.Open();
        long first;
        using (var batch = catalog.BeginBatch())
        {
            first = batch.LinkFile("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow).PhotoId;
            batch.LinkFile("/p/b.jpg", "/p", 10, 1, Hash(2), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            batch.SetStage(first, Stages.Thumbnails, StageState.Failed, "broken", DateTimeOffset.UtcNow);
            batch.Commit();
        }

        var pending = catalog.ListPending([Stages.Thumbnails, Stages.Metadata]);

        Assert.Equal(2, pending.Count);
        Assert.Equal([Stages.Metadata], pending[0].Stages);
        Assert.Equal("broken", catalog.LoadFailedPhotos()[first]);
        Assert.Equal(new StageCounts(1, 0, 1), catalog.GetStatus().Stages[Stages.Thumbnails]);
        catalog.RetryFailed();
        Assert.Equal(new StageCounts(2, 0, 0), catalog.CountStage(Stages.Thumbnails));
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogTests() : CatalogTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogTests() : CatalogTests(new PostgresEngine());
