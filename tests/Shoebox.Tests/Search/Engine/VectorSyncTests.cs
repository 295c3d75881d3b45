using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Search.Engine;
using Shoebox.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Engine;

/// <summary>The saved vector index follows the catalog: rebuilt when damaged, updated as photos come and go.</summary>
[Tier(Tier.Unit)]
public class VectorSyncTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task IndexAsync(TempFolder temp, bool keepingVectors = false)
    {
        using var images = new OnnxImageEncoder(tiny.Open());
        using var vectors = keepingVectors ? LibraryVectors.Open(new Library(temp.Library), images.Model) : null;
        await new Indexer(new IndexingPipeline(new Library(temp.Library), services: new IndexingServices { Model = images.Model, Encoder = images, Vectors = vectors }))
            .RunAsync(new IndexTargets([temp["photos"]]), CancellationToken.None);
    }

    private Task<SearchEngine> EngineAsync(TempFolder temp)
    {
        var installed = tiny.Open();
        return SearchEngine.OpenAsync(new SearchEngineOptions
        {
            Library = new Library(temp.Library),
            Model = new Shoebox.Core.ModelIdentity(installed.Descriptor.Id, installed.Descriptor.Version, installed.Descriptor.Dimensions),
            Images = () => new OnnxImageEncoder(installed),
        });
    }

    private static async Task<List<string>> SimilarToAsync(SearchEngine engine, string path) =>
        [.. (await engine.SearchAsync(new SearchRequest { LikeVector = engine.EmbedImage(path), Limit = 100 })).Results.Select(r => Path.GetFileName(r.Path))];

    private static string IndexFile(TempFolder temp) =>
        Assert.Single(Directory.GetFiles(Path.Combine(temp.Library, LibraryVectors.FolderName), "*.sbvx"));

    [Fact]
    public async Task Search_FirstTime_SavesTheIndexAndANewEngineUsesIt()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["photos/b.jpg"]);
        await IndexAsync(temp);

        await using (var first = await EngineAsync(temp))
        {
            Assert.Equal(2, (await SimilarToAsync(first, a)).Count);
        }
        var saved = File.GetLastWriteTimeUtc(IndexFile(temp));
        await using var second = await EngineAsync(temp);

        Assert.Equal("a.jpg", (await SimilarToAsync(second, a))[0]);
        Assert.Equal(saved, File.GetLastWriteTimeUtc(IndexFile(temp)));
    }

    [Fact]
    public async Task Index_KeepingTheLibrarysVectors_SavesEveryPhotoAndTheFirstSearchOnlyLoadsIt()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["photos/b.jpg"]);
        await IndexAsync(temp, keepingVectors: true);
        TestImages.Jpeg(temp["photos/c.jpg"], 90, 60);
        await IndexAsync(temp, keepingVectors: true);
        var saved = File.GetLastWriteTimeUtc(IndexFile(temp));

        await using var engine = await EngineAsync(temp);

        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], (await SimilarToAsync(engine, a)).Order());
        Assert.Equal(saved, File.GetLastWriteTimeUtc(IndexFile(temp)));
    }

    [Fact]
    public async Task Search_IndexFileDamaged_RebuildsFromTheCatalog()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["photos/b.jpg"]);
        await IndexAsync(temp);
        await using (var first = await EngineAsync(temp))
        {
            await first.RefreshAsync();
        }
        var file = IndexFile(temp);
        var bytes = File.ReadAllBytes(file);
        bytes[^40] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        await using var engine = await EngineAsync(temp);

        Assert.Equal(["a.jpg", "b.jpg"], (await SimilarToAsync(engine, a)).Order());
        Assert.NotEqual(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public async Task Refresh_AfterPhotosAddedAndRemoved_SearchesTheNewSet()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["photos/a.jpg"]);
        var b = TestImages.Jpeg(temp["photos/b.jpg"]);
        await IndexAsync(temp);
        await using var engine = await EngineAsync(temp);
        var before = await SimilarToAsync(engine, a);

        File.Delete(b);
        TestImages.Jpeg(temp["photos/c.jpg"]);
        await IndexAsync(temp);
        var stale = await SimilarToAsync(engine, a);
        await engine.RefreshAsync();
        var after = await SimilarToAsync(engine, a);

        Assert.Equal(["a.jpg", "b.jpg"], before.Order());
        // Before the refresh the index is as it was (no c), but the deleted b is no result even so: none of its files exists.
        Assert.Equal(["a.jpg"], stale);
        Assert.Equal(["a.jpg", "c.jpg"], after.Order());
    }

    [Fact]
    public async Task Refresh_AfterNewPhotos_FilteredSearchesSeeThemToo()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["photos/work/a.jpg"]);
        await IndexAsync(temp);
        await using var engine = await EngineAsync(temp);
        async Task<List<string>> InWorkAsync() =>
            [.. (await engine.SearchAsync(new SearchRequest { LikeVector = engine.EmbedImage(a), Query = "in:work" })).Results.Select(r => Path.GetFileName(r.Path))];
        var before = await InWorkAsync();

        TestImages.Jpeg(temp["photos/work/b.jpg"]);
        await IndexAsync(temp);
        await engine.RefreshAsync();

        Assert.Equal(["a.jpg"], before);
        Assert.Equal(["a.jpg", "b.jpg"], (await InWorkAsync()).Order());
    }

    [Fact]
    public async Task Search_IndexCannotBeSaved_StillSearchesFromMemory()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["photos/a.jpg"]);
        await IndexAsync(temp);
        // A file where the vectors folder should be: nothing can be written there (even by root, unlike permissions).
        var blocker = Path.Combine(temp.Library, LibraryVectors.FolderName);
        File.WriteAllText(blocker, "in the way");

        await using var engine = await EngineAsync(temp);

        Assert.Equal(["a.jpg"], await SimilarToAsync(engine, a));
        Assert.Equal("in the way", File.ReadAllText(blocker));
    }

    [Fact]
    public async Task Open_NoLibrary_SaysHowToMakeOne()
    {
        using var temp = new TempFolder();

        var error = await Assert.ThrowsAsync<LibraryNotFoundException>(() => EngineAsync(temp));

        Assert.Contains("shoebox index", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Library, PhotoCatalog.FileName)));
    }
}
