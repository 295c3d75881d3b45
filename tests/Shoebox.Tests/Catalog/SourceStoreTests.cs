using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>The library's sources, the same on every engine (see the classes at the end).</summary>
public abstract class SourceStoreTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static ContentHash Hash(int n) => ContentHash.Of(BitConverter.GetBytes(n));

    /// <summary>Makes a catalog as Shoebox left it before sources existed, with these statements run on it.</summary>
    protected abstract void CreateBeforeSources(string statements);

    [Fact]
    public async Task AddAsync_NewFolder_IsListedWithItsKindAndNotPaused()
    {
        await using var catalog = await Engine.OpenAsync();

        var added = await catalog.Sources.AddAsync("/photos/", SourceStore.FolderKind, Now);

        Assert.Equal(SourceAdded.Added, added.Outcome);
        var source = Assert.Single(await catalog.Sources.ListAsync());
        Assert.Equal(("/photos", "folder", false, Now), (source.Path, source.Kind, source.Paused, source.AddedAt));
        Assert.Null(source.LastScan);
    }

    [Fact]
    public async Task AddAsync_SamePathWrittenAnotherWay_IsAlreadyThere()
    {
        await using var catalog = await Engine.OpenAsync();
        var first = await catalog.Sources.AddAsync("/photos", SourceStore.FolderKind, Now);

        var again = await catalog.Sources.AddAsync("/photos/2019/../", SourceStore.FolderKind, Now);

        Assert.Equal((SourceAdded.AlreadyThere, first.Source.Id), (again.Outcome, again.Source.Id));
        Assert.Single(await catalog.Sources.ListAsync());
    }

    [Fact]
    public async Task AddAsync_FolderInsideAFolderSource_IsCoveredByIt()
    {
        await using var catalog = await Engine.OpenAsync();
        var photos = await catalog.Sources.AddAsync("/photos", SourceStore.FolderKind, Now);

        var inside = await catalog.Sources.AddAsync("/photos/2019", SourceStore.FolderKind, Now);
        var library = await catalog.Sources.AddAsync("/photos/Main.lrcat", "lightroom", Now);

        Assert.Equal((SourceAdded.Covered, photos.Source.Id), (inside.Outcome, inside.Source.Id));
        Assert.Equal(SourceAdded.Added, library.Outcome);
        Assert.Equal(["/photos", "/photos/Main.lrcat"], (await catalog.Sources.ListAsync()).Select(s => s.Path));
    }

    [Fact]
    public async Task AddAsync_FolderAroundFolderSources_TakesTheirPlace()
    {
        await using var catalog = await Engine.OpenAsync();
        await catalog.Sources.AddAsync("/photos/2019", SourceStore.FolderKind, Now);
        await catalog.Sources.AddAsync("/photos-old", SourceStore.FolderKind, Now);

        var around = await catalog.Sources.AddAsync("/photos", SourceStore.FolderKind, Now);

        Assert.Equal(["/photos/2019"], around.Absorbed.Select(s => s.Path));
        Assert.Equal(["/photos-old", "/photos"], (await catalog.Sources.ListAsync()).Select(s => s.Path));
    }

    [Fact]
    public async Task CountAsync_FolderAndLibrary_CountEachItsOwnPhotosAndThoseWaiting()
    {
        await using var catalog = await Engine.OpenAsync();
        var folder = (await catalog.Sources.AddAsync("/p", SourceStore.FolderKind, Now)).Source;
        var library = (await catalog.Sources.AddAsync("/t/takeout.zip", "takeout", Now)).Source;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            var a = await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 1, 1, Hash(1), ImageFormat.Jpeg, Now);
            await catalog.Locations.LinkAsync("/p/sub/copy of a.jpg", "/p", 1, 1, Hash(1), ImageFormat.Jpeg, Now);
            await catalog.Locations.LinkAsync("/p/b.jpg", "/p", 1, 1, Hash(2), ImageFormat.Jpeg, Now);
            await catalog.Locations.LinkAsync("/pictures/c.jpg", "/pictures", 1, 1, Hash(3), ImageFormat.Jpeg, Now);
            await catalog.Locations.LinkAsync("/t/takeout.zip/Photos/d.jpg", "/t/takeout.zip", 1, 1, Hash(4), ImageFormat.Jpeg, Now,
                new LocationOrigin(library.ImporterId, new ArchiveEntry("/t/takeout.zip", "Photos/d.jpg")));
            foreach (var stage in Stages.Initial)
            {
                await catalog.Stages.SetAsync(a.PhotoId, stage, StageState.Done, null, Now);
            }
            await batch.CommitAsync();
        }

        var inFolder = await catalog.Sources.CountAsync(folder);
        var inLibrary = await catalog.Sources.CountAsync(library);

        Assert.Equal(new SourceCounts(2, 1), inFolder);
        Assert.Equal(new SourceCounts(1, 1), inLibrary);
    }

    [Fact]
    public async Task RemoveAsync_ForgettingPhotos_ForgetsItsLocationsAndOnlyThePhotosNoOtherLocationHolds()
    {
        await using var catalog = await Engine.OpenAsync();
        var folder = (await catalog.Sources.AddAsync("/p", SourceStore.FolderKind, Now)).Source;
        await catalog.Sources.AddAsync("/q", SourceStore.FolderKind, Now);
        long shared;
        await using (var batch = await catalog.BeginBatchAsync())
        {
            shared = (await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 1, 1, Hash(1), ImageFormat.Jpeg, Now)).PhotoId;
            await catalog.Locations.LinkAsync("/q/a again.jpg", "/q", 1, 1, Hash(1), ImageFormat.Jpeg, Now);
            await catalog.Locations.LinkAsync("/p/b.jpg", "/p", 1, 1, Hash(2), ImageFormat.Jpeg, Now);
            await catalog.Locations.LinkAsync("/p-other/c.jpg", "/p-other", 1, 1, Hash(3), ImageFormat.Jpeg, Now);
            await batch.CommitAsync();
        }

        var forgotten = await catalog.Sources.RemoveAsync(folder, forgetPhotos: true);

        Assert.Equal([Hash(2)], forgotten);
        Assert.Equal(["/q"], (await catalog.Sources.ListAsync()).Select(s => s.Path));
        Assert.Equal(["/q/a again.jpg"], (await catalog.Locations.OfPhotoAsync(shared)).Select(l => l.Path));
        Assert.Equal(2, (await catalog.GetStatusAsync()).Photos);
    }

    [Fact]
    public async Task RemoveAsync_KeepingPhotos_LeavesThemWhereTheyAre()
    {
        await using var catalog = await Engine.OpenAsync();
        var folder = (await catalog.Sources.AddAsync("/p", SourceStore.FolderKind, Now)).Source;
        await catalog.Locations.LinkAsync("/p/a.jpg", "/p", 1, 1, Hash(1), ImageFormat.Jpeg, Now);

        var forgotten = await catalog.Sources.RemoveAsync(folder, forgetPhotos: false);

        Assert.Empty(forgotten);
        Assert.Empty(await catalog.Sources.ListAsync());
        Assert.Equal(1, (await catalog.GetStatusAsync()).Photos);
    }

    [Fact]
    public async Task SetPausedAndRecordScan_Read_AreKept()
    {
        await using var catalog = await Engine.OpenAsync();
        var id = (await catalog.Sources.AddAsync("/p", SourceStore.FolderKind, Now)).Source.Id;

        await catalog.Sources.SetPausedAsync(id, true);
        await catalog.Sources.RecordScanAsync(id, Now.AddHours(1), "not a Lightroom catalog");

        var source = (await catalog.Sources.FindAsync(id))!;
        Assert.Equal((true, Now.AddHours(1), "not a Lightroom catalog"), (source.Paused, source.LastScan, source.LastError));
    }

    [Fact]
    public async Task Open_CatalogFromBeforeSources_KeepsEveryFolderAndLibraryItsRunsWereGiven()
    {
        CreateBeforeSources("""
            INSERT INTO runs (started_at, finished_at, roots) VALUES (1000, 2000, '["/photos","lightroom:/lr/Main.lrcat"]');
            INSERT INTO runs (started_at, finished_at, roots) VALUES (3000, 4000, '["/photos","takeout:/dl/takeout-1.zip","/memes"]');
            """);

        await using var catalog = await Engine.OpenAsync();
        var sources = await catalog.Sources.ListAsync();

        Assert.Equal(
            [("/dl/takeout-1.zip", "takeout", 3000L, 4000L), ("/lr/Main.lrcat", "lightroom", 1000L, 2000L), ("/memes", "folder", 3000L, 4000L), ("/photos", "folder", 1000L, 4000L)],
            sources.OrderBy(s => s.Path, StringComparer.Ordinal).Select(s => (s.Path, s.Kind, s.AddedAt.ToUnixTimeMilliseconds(), s.LastScan!.Value.ToUnixTimeMilliseconds())));
        Assert.All(sources, s => Assert.False(s.Paused));
    }

    /// <summary>The index of the migration step that made the sources table, found by what it does (not by its number).</summary>
    protected static int StepOfSources(IReadOnlyList<string> steps) => steps.ToList().FindIndex(step => step.Contains("CREATE TABLE sources", StringComparison.Ordinal));
}

[Tier(Tier.Unit)]
public sealed class SqliteSourceStoreTests() : SourceStoreTests(new SqliteEngine())
{
    protected override void CreateBeforeSources(string statements)
    {
        var engine = (SqliteEngine)Engine;
        Directory.CreateDirectory(engine.Library);
        var before = StepOfSources(Migrations.All);
        using var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(engine.Library, PhotoCatalog.FileName)};Pooling=False");
        old.Open();
        using var command = old.CreateCommand();
        command.CommandText = string.Join(";\n", Migrations.All.Take(before)) + $";\nPRAGMA user_version = {before};\n" + statements;
        command.ExecuteNonQuery();
    }
}

[Tier(Tier.Database)]
public sealed class PostgresSourceStoreTests() : SourceStoreTests(new PostgresEngine())
{
    protected override void CreateBeforeSources(string statements)
    {
        var before = StepOfSources(PostgresMigrations.All);
        Engine.Query(string.Join(";\n", PostgresMigrations.All.Take(before)) +
            $";\nCREATE TABLE shoebox_schema (version integer NOT NULL);\nINSERT INTO shoebox_schema (version) VALUES ({before});\n" + statements);
    }
}
