using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.EndToEnd)]
public class SearchCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task<TempFolder> LibraryAsync()
    {
        var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/holiday/beach.jpg"], 200, 150);
        TestImages.Png(temp["photos/work/invoice.png"]);
        TestImages.Jpeg(temp["photos/work/receipt.jpg"]);
        TestImages.Gif(temp["photos/memes/cat.gif"]);
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path);
        Assert.Equal(0, index.ExitCode);
        return temp;
    }

    [Fact]
    public async Task Search_Json_PrintsResultsBestFirstWithIdPathsAndScore()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("search", "invoice", "--library", temp.Library, "--json");
        var first = result.Json.GetProperty("results")[0];

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(temp["photos/work/invoice.png"], first.GetProperty("path").GetString());
        Assert.Equal(temp["photos/work/invoice.png"], first.GetProperty("paths")[0].GetString());
        Assert.True(first.GetProperty("id").GetInt64() > 0);
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.Equal("png", first.GetProperty("format").GetString());
        Assert.Equal(4, result.Json.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Index_WithAModel_LeavesTheSavedVectorIndexOfEveryPhotoThatSearchLoadsAsItIs()
    {
        using var temp = await LibraryAsync();
        var saved = Assert.Single(Directory.GetFiles(Path.Combine(temp.Library, Shoebox.Vectors.LibraryVectors.FolderName), "*.sbvx"));
        var written = File.GetLastWriteTimeUtc(saved);

        var search = await Fixtures.Cli.RunAsync("search", "invoice", "--library", temp.Library, "--json");

        Assert.Equal(0, search.ExitCode);
        Assert.Equal(4, search.Json.GetProperty("results").GetArrayLength());
        // Loaded, not built and saved again by the search.
        Assert.Equal(written, File.GetLastWriteTimeUtc(saved));
    }

    [Fact]
    public async Task Search_ExcludedWordAndFilterInOneQuotedArgument_AreApplied()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("search", "in:work -receipt", "--library", temp.Library);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("invoice.png", result.Out);
        Assert.DoesNotContain("receipt.jpg", result.Out);
        Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Search_Limit_ShowsThatManyAndHowToGetMore()
    {
        using var temp = await LibraryAsync();

        // Filters alone list every photo that passes them, so the count does not depend on the model's judgement.
        var result = await Fixtures.Cli.RunAsync("search", "sort:newest", "--limit", "2", "--library", temp.Library);

        Assert.Equal(2, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("--offset 2", result.Error);
    }

    [Fact]
    public async Task Similar_ImagePathOutsideTheLibrary_FindsItsCopyFirst()
    {
        using var temp = await LibraryAsync();
        var outside = temp["elsewhere.jpg"];
        File.Copy(temp["photos/holiday/beach.jpg"], outside);

        var result = await Fixtures.Cli.RunAsync("similar", outside, "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(temp["photos/holiday/beach.jpg"], result.Json.GetProperty("results")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Similar_PhotoId_LeavesThePhotoItselfOut()
    {
        using var temp = await LibraryAsync();
        var invoice = (await Fixtures.Cli.RunAsync("search", "invoice", "--library", temp.Library, "--json"))
            .Json.GetProperty("results")[0].GetProperty("id").GetInt64();

        var result = await Fixtures.Cli.RunAsync("similar", invoice.ToString(System.Globalization.CultureInfo.InvariantCulture), "--library", temp.Library, "--json");
        var ids = result.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain(invoice, ids);
    }

    [Fact]
    public async Task Similar_UnknownIdOrBrokenImage_ExplainsAndExits2()
    {
        using var temp = await LibraryAsync();
        File.WriteAllText(temp["broken.jpg"], "no pixels here");

        var unknown = await Fixtures.Cli.RunAsync("similar", "4242", "--library", temp.Library);
        var broken = await Fixtures.Cli.RunAsync("similar", temp["broken.jpg"], "--library", temp.Library);

        Assert.Equal((ExitCodes.CouldNotRun, ExitCodes.CouldNotRun), (unknown.ExitCode, broken.ExitCode));
        Assert.Contains("There is no photo 4242", unknown.Error);
        Assert.Contains("broken.jpg", broken.Error);
    }

    [Fact]
    public async Task Random_PicksDistinctPhotosWithinTheFilter()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("random", "-q", "in:work", "--limit", "5", "--library", temp.Library, "--json");
        var paths = result.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()).Order().ToList();

        Assert.Equal([temp["photos/work/invoice.png"], temp["photos/work/receipt.jpg"]], paths);
    }

    [Fact]
    public async Task Search_NoLibrary_SaysHowToCreateOneAndExits2()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("search", "cats", "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("shoebox index", result.Error);
        Assert.False(Directory.Exists(temp.Library));
    }
}
