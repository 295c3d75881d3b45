using Shoebox.Cli;
using Shoebox.Tests.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>`--catalog postgres://...` on the commands that open a catalog: one database, thumbnails in each machine's library folder.</summary>
[Tier(Tier.Database)]
public class CatalogOptionTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public async Task IndexThenReadCommands_WithCatalogUrl_AllUseTheDatabase()
    {
        using var database = new PostgresEngine();
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/holiday/beach.jpg"], 200, 150);
        TestImages.Png(temp["photos/work/invoice.png"]);
        TestImages.Jpeg(temp["photos/work/receipt.jpg"]);

        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--catalog", database.Url, "--model", tiny.Path, "--no-ocr");
        var search = await Fixtures.Cli.RunAsync("search", "invoice", "--library", temp.Library, "--catalog", database.Url, "--json");
        var similar = await Fixtures.Cli.RunAsync("similar", temp["photos/work/receipt.jpg"], "--library", temp.Library, "--catalog", database.Url, "--json");
        var status = await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--catalog", database.Url, "--json");
        var tags = await Fixtures.Cli.RunAsync("tags", "add", "paperwork", temp["photos/work/invoice.png"], "--library", temp.Library, "--catalog", database.Url);
        var tagged = await Fixtures.Cli.RunAsync("search", "tag:paperwork", "--library", temp.Library, "--catalog", database.Url, "--json");

        Assert.True(index.ExitCode == 0, index.Error);
        Assert.False(File.Exists(Path.Combine(temp.Library, Shoebox.Catalog.PhotoCatalog.FileName)), "no catalog.db beside the thumbnails");
        Assert.Equal(3L, database.Query("SELECT count(*) FROM photos"));
        Assert.True(search.ExitCode == 0, search.Error);
        Assert.Equal(temp["photos/work/invoice.png"], search.Json.GetProperty("results")[0].GetProperty("path").GetString());
        Assert.True(similar.ExitCode == 0, similar.Error);
        // The very picture is nearest to itself, found through the database's vector index.
        Assert.Equal(temp["photos/work/receipt.jpg"], similar.Json.GetProperty("results")[0].GetProperty("path").GetString());
        Assert.Equal(3, status.Json.GetProperty("photos").GetInt32());
        Assert.True(tags.ExitCode == 0, tags.Error);
        Assert.Equal(temp["photos/work/invoice.png"], tagged.Json.GetProperty("results")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Status_CatalogServerUnreachable_SaysSoAndExits2()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--catalog", "postgres://shoebox@127.0.0.1:9/photos");

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("postgres://shoebox@127.0.0.1:9/photos cannot be reached", result.Error);
        Assert.DoesNotContain("there is no library", result.Error);
    }

    [Fact]
    public async Task Search_CatalogNotAUrl_IsAUsageError()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("search", "beach", "--library", temp.Library, "--catalog", "photos.db");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("takes a postgres:// URL", result.Error);
    }
}
