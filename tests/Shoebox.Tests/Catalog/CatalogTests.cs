using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;

namespace Shoebox.Tests.Catalog;

/// <summary>The catalog's behaviour, the same on every engine (see the classes at the end).</summary>
public abstract class CatalogTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static ContentHash Hash(int n) => ContentHash.Of(BitConverter.GetBytes(n));

    [Fact]
    public async Task Open_Twice_KeepsDataAndDoesNotMigrateAgain()
    {
        await using (var catalog = await Engine.OpenAsync())
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            await batch.CommitAsync();
        }

        await using var reopened = await Engine.OpenAsync();

        Assert.Equal(1, (await reopened.GetStatusAsync()).Photos);
        Assert.Equal("ok", await reopened.CheckIntegrityAsync());
    }

    [Fact]
    public async Task Open_FourAtOnceOnANewCatalog_AllSucceedAndShareOneSchema()
    {
        var opened = new PhotoCatalog[4];

        await Parallel.ForAsync(0, opened.Length, async (i, _) => opened[i] = await Engine.OpenAsync());
        await using (var batch = await opened[0].BeginBatchAsync())
        {
            await opened[0].Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            await batch.CommitAsync();
        }

        foreach (var catalog in opened)
        {
            Assert.Equal(1, (await catalog.GetStatusAsync()).Photos);
            await catalog.DisposeAsync();
        }
    }

    [Fact]
    public async Task Open_CatalogFromNewerVersion_IsRefusedWithClearMessage()
    {
        await (await Engine.OpenAsync()).DisposeAsync();
        Engine.MarkNewerSchema();

        var error = await Assert.ThrowsAsync<LibraryUnavailableException>(async () => await Engine.OpenAsync());

        Assert.Contains("newer Shoebox", error.Message);
    }

    [Fact]
    public async Task LinkFile_SameContentAtTwoPaths_IsOnePhotoWithTwoLocations()
    {
        await using var catalog = await Engine.OpenAsync();
        LinkResult first, second;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            first = await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(7), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            second = await catalog.Locations.LinkAsync("/p/copy of a.jpg", "/p", 10, 1, Hash(7), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            await batch.CommitAsync();
        }

        var status = await catalog.GetStatusAsync();

        Assert.True(first.PhotoIsNew);
        Assert.False(second.PhotoIsNew);
        Assert.Equal(first.PhotoId, second.PhotoId);
        Assert.Equal((1, 2), (status.Photos, status.Locations));
        Assert.Equal(new StageCounts(1, 0, 0), status.Stages[Stages.Thumbnails]);
        Assert.Equal(["/p/a.jpg", "/p/copy of a.jpg"], (await catalog.Duplicates.LoadCopiesAsync())[first.PhotoId]);
    }

    [Fact]
    public async Task Batch_NotCommitted_LeavesNothingBehind()
    {
        await using var catalog = await Engine.OpenAsync();
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        }

        Assert.Equal(0, (await catalog.GetStatusAsync()).Photos);
        Assert.Empty(await catalog.Locations.LoadAllAsync());
    }

    [Fact]
    public async Task RecordVanished_UnlistedFolderAndOtherRoots_KeepTheirLocations()
    {
        await using var catalog = await Engine.OpenAsync();
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-5);
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Locations.LinkAsync("/p/gone.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, earlier);
            await catalog.Locations.LinkAsync("/p/locked/kept.jpg", "/p", 10, 1, Hash(2), ImageFormat.Jpeg, earlier);
            await catalog.Locations.LinkAsync("/pictures/elsewhere.jpg", "/pictures", 10, 1, Hash(3), ImageFormat.Jpeg, earlier);
            await batch.CommitAsync();
        }

        var vanished = await catalog.Locations.RecordVanishedAsync(["/p"], DateTimeOffset.UtcNow, ["/p/locked"]);

        Assert.Equal(1, vanished.Missing);
        Assert.Equal(LocationStatus.Missing, (await catalog.Locations.LoadAllAsync())["/p/gone.jpg"].Status);
        Assert.Equal(LocationStatus.Ok, (await catalog.Locations.LoadAllAsync())["/p/locked/kept.jpg"].Status);
        Assert.Equal(LocationStatus.Ok, (await catalog.Locations.LoadAllAsync())["/pictures/elsewhere.jpg"].Status);
        Assert.Single((await catalog.Photos.PruneAsync()).Photos);
        Assert.Equal(2, (await catalog.GetStatusAsync()).Photos);
    }

    [Fact]
    public async Task Prune_NewestPhoto_ItsIdIsNeverGivenAgain()
    {
        await using var catalog = await Engine.OpenAsync();
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-5);
        long newest;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Locations.LinkAsync("/p/kept.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, earlier);
            newest = (await catalog.Locations.LinkAsync("/p/gone.jpg", "/p", 10, 1, Hash(2), ImageFormat.Jpeg, earlier)).PhotoId;
            await batch.CommitAsync();
        }
        await catalog.Locations.RecordVanishedAsync(["/p/gone.jpg"], DateTimeOffset.UtcNow, []);
        Assert.Single((await catalog.Photos.PruneAsync()).Photos);

        var next = await catalog.Locations.LinkAsync("/p/new.jpg", "/p", 10, 1, Hash(3), ImageFormat.Jpeg, DateTimeOffset.UtcNow);

        Assert.True(next.PhotoId > newest, $"photo id {next.PhotoId} was given before, to a pruned photo");
    }

    [Fact]
    public async Task Texts_WrittenBehindTheCatalogsBack_AreFoundThroughFullTextSearch()
    {
        await using (var catalog = await Engine.OpenAsync())
        await using (var batch = await catalog.BeginBatchAsync())
        {
            await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            await batch.CommitAsync();
        }
        Engine.Query("INSERT INTO texts (photo_id, kind, source, content) VALUES (1, 'ocr', 'test', 'One does not simply walk into Mordor')");

        await using var reopened = await Engine.OpenAsync();

        Assert.Equal(1, Assert.Single(await reopened.Texts.MatchAsync([new TextTerm("mordor", false)], 10)).PhotoId);
        Assert.Empty(await reopened.Texts.MatchAsync([new TextTerm("gondor", false)], 10));
    }

    [Fact]
    public async Task MatchText_FileAndFolderNames_AreWordsWithoutAccentsOrCase()
    {
        await using var catalog = await Engine.OpenAsync();
        long invoice, café;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            invoice = (await catalog.Locations.LinkAsync("/home/me/Pictures/Invoices/invoice_2019.png", "/home/me/Pictures", 10, 1, Hash(1), ImageFormat.Png, DateTimeOffset.UtcNow)).PhotoId;
            café = (await catalog.Locations.LinkAsync("/home/me/Pictures/Trips/Café de Flore.jpg", "/home/me/Pictures", 10, 1, Hash(2), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
            await batch.CommitAsync();
        }

        Assert.Equal(invoice, Assert.Single(await catalog.Texts.MatchAsync([new TextTerm("invoice", false)], 10)).PhotoId);
        Assert.Equal(invoice, Assert.Single(await catalog.Texts.MatchAsync([new TextTerm("2019", false)], 10)).PhotoId);
        Assert.Equal(café, Assert.Single(await catalog.Texts.MatchAsync([new TextTerm("cafe de flore", true)], 10)).PhotoId);
        Assert.Equal(café, Assert.Single(await catalog.Texts.MatchAsync([new TextTerm("CAF", false)], 10)).PhotoId);
        Assert.Empty(await catalog.Texts.MatchAsync([new TextTerm("pictures", false)], 10)); // the folders above the root say nothing
        Assert.Empty(await catalog.Texts.MatchAsync([new TextTerm("flore de", true)], 10));
        Assert.Equal(2, (await catalog.Texts.MatchAsync([new TextTerm("invoice", false), new TextTerm("flore", false)], 10, any: true)).Count);
        Assert.Empty(await catalog.Texts.MatchAsync([new TextTerm("invoice", false), new TextTerm("flore", false)], 10));
        Assert.Empty(await catalog.Texts.MatchAsync([new TextTerm("\"*:&|!", false)], 10));
    }

    [Fact]
    public async Task SaveFacts_OverridingSourceAndKeywords_ShapeThePhotoAndItsFilters()
    {
        await using var catalog = await Engine.OpenAsync();
        long photo;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            var link = await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            photo = link.PhotoId;
            await catalog.Locations.LinkAsync("/p/b.heic", "/p", 10, 1, Hash(2), ImageFormat.Png, DateTimeOffset.UtcNow);
            await catalog.Facts.SaveMetadataAsync(photo, new PhotoMetadata { Format = ImageFormat.Jpeg, TakenAt = new DateTime(2001, 2, 3, 4, 5, 6), CameraMake = "Canon", CameraModel = "EOS 5D", Width = 40, Height = 30 });
            await catalog.Facts.SaveAsync(link.LocationId, photo, new SourceFacts
            {
                Source = "lightroom",
                Overrides = true,
                TakenAt = new DateTime(1999, 12, 31, 23, 0, 0),
                Latitude = 48.85,
                Longitude = 2.33,
                Rating = 4,
                Favorite = true,
                Label = "Red",
                Keywords = ["Places|France|Paris", "dog"],
                Places = ["Montmartre"],
            });
            await batch.CommitAsync();
        }

        var loaded = (await catalog.Photos.LoadAsync([photo, 999]))[photo];

        Assert.Equal(new DateTime(1999, 12, 31, 23, 0, 0), loaded.TakenAt);
        Assert.Equal(("Canon", "EOS 5D", 40), (loaded.CameraMake, loaded.CameraModel, loaded.Width));
        Assert.Equal(["/p/a.jpg"], loaded.Paths);
        Assert.Equal([photo], await catalog.Photos.FilterAsync(new PhotoFilter { Keywords = ["france"] }));
        Assert.Equal([photo], await catalog.Photos.FilterAsync(new PhotoFilter { Cameras = ["eos"], MinRating = 3, HasLocation = true }));
        Assert.Equal([photo], await catalog.Photos.FilterAsync(new PhotoFilter { Flags = [PhotoMark.Favorite], Folders = ["P"] }));
        Assert.Equal([photo], await catalog.Photos.FilterAsync(new PhotoFilter { Labels = ["green", "red"], Places = ["montmartre"] }));
        Assert.Empty(await catalog.Photos.FilterAsync(new PhotoFilter { Labels = ["green"] }));
        Assert.Single(await catalog.Photos.FilterAsync(new PhotoFilter { ExcludedLabels = ["RED"] }));
        Assert.Single(await catalog.Photos.FilterAsync(new PhotoFilter { ExcludedKeywords = ["dog"] }));
        Assert.Single(await catalog.Photos.FilterAsync(new PhotoFilter { Formats = [ImageFormat.Png] }));
        Assert.Equal([photo], await catalog.Photos.ListAsync(PhotoFilter.None, PhotoOrder.Oldest, 0, 1));
        Assert.Single(await catalog.Photos.ListAsync(PhotoFilter.None, PhotoOrder.Random, 0, 5, excluded: [photo]));
        Assert.Equal(photo, Assert.Single(await catalog.Texts.MatchAsync([new TextTerm("paris", true)], 10)).PhotoId);
    }

    [Fact]
    public async Task SaveEmbedding_RoundTripsAtHalfPrecision()
    {
        await using var catalog = await Engine.OpenAsync();
        var model = new ModelIdentity("test-model", "1", 3);
        await catalog.Vectors.RegisterModelAsync(model, new { source = "test" });
        long photo;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            photo = (await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
            await catalog.Vectors.SaveAsync(photo, model, [0.5f, -0.25f, 0.1f]);
            await catalog.Vectors.SaveAsync(photo, model, [0.5f, -0.25f, 0.3333f]);
            await batch.CommitAsync();
        }

        var vector = (await catalog.Vectors.LoadAsync(model, [photo]))[photo];

        Assert.Equal([0.5f, -0.25f, (float)(Half)0.3333f], vector);
        Assert.Equal([photo], await catalog.Vectors.ListSearchableAsync(model));
        Assert.Equal(vector, (await catalog.Vectors.LoadAllAsync(model))[photo]);
    }

    [Fact]
    public async Task ListModels_VectorsOfPhotosThatExist_AreCountedWithTheSourceTheyWereMadeFrom()
    {
        await using var catalog = await Engine.OpenAsync();
        var model = new ModelIdentity("test-model", "1", 3);
        await catalog.Vectors.RegisterModelAsync(model, new { source = "/models/test" });
        await catalog.Vectors.RegisterModelAsync(new ModelIdentity("other", "2", 3), new { });
        await using (var batch = await catalog.BeginBatchAsync())
        {
            foreach (var (n, root) in new[] { (1, "/p"), (2, "/p"), (3, "/gone") })
            {
                var photo = (await catalog.Locations.LinkAsync($"{root}/{n}.jpg", root, 10, 1, Hash(n), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
                await catalog.Vectors.SaveAsync(photo, model, [0.5f, -0.25f, 0.1f]);
            }
            await batch.CommitAsync();
        }
        await catalog.Locations.RecordVanishedAsync(["/gone"], DateTimeOffset.UtcNow.AddMinutes(1), []);

        var models = await catalog.Vectors.ListModelsAsync();

        Assert.Equal([new StoredModel("other@2", null, 0), new StoredModel("test-model@1", "/models/test", 2)], models);
    }

    [Fact]
    public async Task DuplicateDecisions_KeeperAndPairsApart_AreKeptAndTheLastKeeperOfAGroupWins()
    {
        await using var catalog = await Engine.OpenAsync();
        var ids = new List<long>();
        await using (var batch = await catalog.BeginBatchAsync())
        {
            for (var n = 1; n <= 3; n++)
            {
                ids.Add((await catalog.Locations.LinkAsync($"/p/{n}.jpg", "/p", 10, 1, Hash(n), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId);
            }
            await batch.CommitAsync();
        }

        await catalog.Duplicates.ChooseKeeperAsync(ids[0], ids, DateTimeOffset.UtcNow);
        await catalog.Duplicates.ChooseKeeperAsync(ids[1], ids, DateTimeOffset.UtcNow);
        await catalog.Duplicates.KeepApartAsync([(ids[2], ids[0]), (ids[0], ids[2]), (ids[1], ids[2])], DateTimeOffset.UtcNow);
        await catalog.Duplicates.KeepApartAsync([(ids[1], ids[2])], DateTimeOffset.UtcNow);
        var decisions = await catalog.Duplicates.LoadDecisionsAsync();

        Assert.Equal([ids[1]], decisions.Keepers);
        Assert.Equal(2, decisions.Apart.Count);
        Assert.True(decisions.AreApart(ids[0], ids[2]));
        Assert.True(decisions.AreApart(ids[2], ids[1]));
        Assert.False(decisions.AreApart(ids[0], ids[1]));
    }

    [Fact]
    public async Task ListPending_StagesOfThisRun_ListsEachPhotoOnceWithItsStages()
    {
        await using var catalog = await Engine.OpenAsync();
        long first;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            first = (await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 10, 1, Hash(1), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
            await catalog.Locations.LinkAsync("/p/b.jpg", "/p", 10, 1, Hash(2), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
            await catalog.Stages.SetAsync(first, Stages.Thumbnails, StageState.Failed, "broken", DateTimeOffset.UtcNow);
            await batch.CommitAsync();
        }

        var pending = await catalog.Stages.ListPendingAsync([Stages.Thumbnails, Stages.Metadata]);

        Assert.Equal(2, pending.Count);
        Assert.Equal([Stages.Metadata], pending[0].Stages);
        Assert.Equal("broken", (await catalog.Stages.LoadFailedAsync())[first]);
        Assert.Equal(new StageCounts(1, 0, 1), (await catalog.GetStatusAsync()).Stages[Stages.Thumbnails]);
        await catalog.Stages.RetryFailedAsync();
        Assert.Equal(new StageCounts(2, 0, 0), await catalog.Stages.CountAsync(Stages.Thumbnails));
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogTests() : CatalogTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogTests() : CatalogTests(new PostgresEngine());
