using Shoebox.Catalog;
using Shoebox.Indexing;
using Shoebox.Search.Engine;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Engine;

/// <summary>File and folder names follow the files: a rename or move is searchable under the new name only.</summary>
[Tier(Tier.Unit)]
public class FileNameSearchTests
{
    private static Task<IndexSummary> IndexAsync(TempFolder temp) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library))).RunAsync(new IndexTargets([temp["photos"]]), CancellationToken.None);

    private static async Task<List<string>> FindAsync(TempFolder temp, string words)
    {
        await using var engine = await SearchEngine.OpenAsync(new SearchEngineOptions { Library = new Library(temp.Library) });
        return [.. (await engine.SearchAsync(new SearchRequest { Query = words })).Results.Select(r => r.Path)];
    }

    [Fact]
    public async Task Search_AfterRenameAndMove_FindsTheNewNameOnly()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/inbox/IMG_0001.jpg"]);
        await IndexAsync(temp);
        var before = await FindAsync(temp, "IMG_0001");

        temp.Folder("photos/Taxes 2019");
        File.Move(temp["photos/inbox/IMG_0001.jpg"], temp["photos/Taxes 2019/electricity bill.jpg"]);
        await IndexAsync(temp);

        Assert.Equal([temp["photos/inbox/IMG_0001.jpg"]], before);
        Assert.Empty(await FindAsync(temp, "IMG_0001"));
        Assert.Equal([temp["photos/Taxes 2019/electricity bill.jpg"]], await FindAsync(temp, "electricity"));
        Assert.Equal([temp["photos/Taxes 2019/electricity bill.jpg"]], await FindAsync(temp, "taxes bill"));
    }

    [Fact]
    public async Task Search_WordsOfTheIndexedFolderPath_MatchNothing()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);
        await IndexAsync(temp);

        // The root's own path (/tmp/shoebox-tests/...) would otherwise match every photo in it.
        Assert.Empty(await FindAsync(temp, "shoebox"));
        Assert.Single(await FindAsync(temp, "a"));
    }

    [Fact]
    public async Task Search_FolderFilterWithWildcardCharacters_MatchesThemLiterally()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/50% off_sale/a.jpg"]);
        TestImages.Jpeg(temp["photos/50 percent offXsale/b.jpg"]);
        TestImages.Jpeg(temp["photos/misc/off_sale.jpg"]);
        await IndexAsync(temp);

        Assert.Equal([temp["photos/50% off_sale/a.jpg"]], await FindAsync(temp, "in:\"50% OFF_sale\""));
        Assert.Equal(2, (await FindAsync(temp, "-in:\"% off_\"")).Count);
    }

    [Fact]
    public async Task Search_QuotesAndOperatorsInWords_AreSearchedAsText()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/AND OR NOT.jpg"]);
        await IndexAsync(temp);

        Assert.Single(await FindAsync(temp, "\"and or\" NOT"));
        Assert.Empty(await FindAsync(temp, "\"\"\" ( * )"));
    }
}
