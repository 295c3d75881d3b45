using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Search.Engine;
using Shoebox.Tests.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Engine;

/// <summary>
/// A photo none of whose files exists any more is no answer to anything, whatever side of search would find it (its
/// words, its name, its vector, a filter, a random pick); it comes back with its file. On both catalog engines.
/// </summary>
public abstract class MissingPhotoContract(PostgresEngine? database) : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TinyModelFolder _tiny = new();

    private Library Library => new(_temp.Library, database?.Url);

    private async Task IndexAsync()
    {
        using var images = new OnnxImageEncoder(_tiny.Open());
        await new Indexer(new IndexingPipeline(Library, services: new IndexingServices { Model = images.Model, Encoder = images }))
            .RunAsync(new IndexTargets([_temp["photos"]]), CancellationToken.None);
    }

    private Task<SearchEngine> EngineAsync()
    {
        var installed = _tiny.Open();
        return SearchEngine.OpenAsync(new SearchEngineOptions
        {
            Library = Library,
            Model = new ModelIdentity(installed.Descriptor.Id, installed.Descriptor.Version, installed.Descriptor.Dimensions),
            Images = () => new OnnxImageEncoder(installed),
        });
    }

    // Two photos with words read in them, as OCR leaves them, and a third to compare with.
    private async Task<(string Receipt, long ReceiptId, long OtherId)> LibraryAsync()
    {
        var receipt = TestImages.Jpeg(_temp["photos/receipt.jpg"], 120, 90);
        TestImages.Png(_temp["photos/other.png"], 100, 80);
        TestImages.Jpeg(_temp["photos/third.jpg"], 90, 120, quality: 60);
        await IndexAsync();
        await using var catalog = await Library.OpenAsync();
        var locations = await catalog.Locations.LoadAllAsync();
        var (receiptId, otherId) = (locations[receipt].PhotoId!.Value, locations[_temp["photos/other.png"]].PhotoId!.Value);
        await catalog.Texts.SaveOcrAsync(receiptId, "pp-ocrv4", [new RecognizedLine("TOTAL 12.50 EUR grocery", 0.9, [])]);
        await catalog.Texts.SaveOcrAsync(otherId, "pp-ocrv4", [new RecognizedLine("grocery list", 0.9, [])]);
        return (receipt, receiptId, otherId);
    }

    private static async Task<List<long>> IdsAsync(SearchEngine engine, SearchRequest request) =>
        [.. (await engine.SearchAsync(request)).Results.Select(r => r.Id)];

    [Fact]
    public async Task Search_FileDeletedAndReindexed_IsNoResultOfAnySearch()
    {
        var (receipt, receiptId, otherId) = await LibraryAsync();
        File.Delete(receipt);
        await IndexAsync();

        await using var engine = await EngineAsync();

        Assert.Empty(await IdsAsync(engine, new SearchRequest { Query = "total eur" }));
        Assert.Equal([otherId], await IdsAsync(engine, new SearchRequest { Query = "grocery" }));
        Assert.Empty(await IdsAsync(engine, new SearchRequest { Query = "receipt" }));
        Assert.DoesNotContain(receiptId, await IdsAsync(engine, new SearchRequest { LikePhoto = otherId, Limit = 100 }));
        Assert.DoesNotContain(receiptId, await IdsAsync(engine, new SearchRequest { Query = "type:jpeg", Limit = 100 }));
        Assert.DoesNotContain(receiptId, await IdsAsync(engine, new SearchRequest { Random = true, Limit = 100 }));
        Assert.Null(await engine.FindAsync(receiptId));
        Assert.Null(await engine.GetPhotoAsync(receiptId));
    }

    [Fact]
    public async Task Tags_FileDeletedAndReindexed_AreNotAnsweredNorEdited()
    {
        var (receipt, receiptId, _) = await LibraryAsync();
        File.Delete(receipt);
        await IndexAsync();

        await using var engine = await EngineAsync();

        Assert.Null(await engine.TagsOfAsync(receiptId));
        Assert.Null(await engine.AddTagAsync(receiptId, "groceries"));
        Assert.Null(await engine.RemoveTagAsync(receiptId, "groceries"));
    }

    [Fact]
    public async Task Search_DeletedFileComesBack_IsFoundAgain()
    {
        var (receipt, receiptId, _) = await LibraryAsync();
        var saved = File.ReadAllBytes(receipt);
        File.Delete(receipt);
        await IndexAsync();
        File.WriteAllBytes(receipt, saved);
        await IndexAsync();

        await using var engine = await EngineAsync();

        var result = Assert.Single((await engine.SearchAsync(new SearchRequest { Query = "total eur" })).Results);
        Assert.Equal(receiptId, result.Id);
        Assert.Equal([receipt], result.Paths);
        Assert.NotNull(await engine.GetPhotoAsync(receiptId));
    }

    [Fact]
    public async Task MatchText_PhotoWithOnlyMissingLocations_IsNotMatched()
    {
        var (receipt, _, otherId) = await LibraryAsync();
        File.Delete(receipt);
        await IndexAsync();
        await using var catalog = await Library.OpenAsync();

        var matches = await catalog.Texts.MatchAsync([new TextTerm("grocery", false)], 10);

        Assert.Equal([otherId], matches.Select(m => m.PhotoId));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tiny.Dispose();
            _temp.Dispose();
            database?.Dispose();
        }
    }
}

[Tier(Tier.Unit)]
public sealed class MissingPhotoTests() : MissingPhotoContract(null);

[Tier(Tier.Database)]
public sealed class PostgresMissingPhotoTests() : MissingPhotoContract(new PostgresEngine());
