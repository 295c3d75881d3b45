using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>`shoebox index PATH` makes its targets the library's sources; `shoebox index` with no path scans them again.</summary>
[Tier(Tier.Unit)]
public class IndexSourcesCommandTests
{
    [Fact]
    public async Task Index_Path_RecordsItAsASourceWithItsLastScan()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);

        var result = await Fixtures.Cli.RunAsync("index", temp["photos"] + "/", "--library", temp.Library, "--no-ocr");

        Assert.Equal(0, result.ExitCode);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var source = Assert.Single(await catalog.Sources.ListAsync());
        Assert.Equal((temp["photos"], "folder", false, null), (source.Path, source.Kind, source.Paused, source.LastError));
        Assert.NotNull(source.LastScan);
    }

    [Fact]
    public async Task Index_NoPath_ScansEveryUnpausedSourceAgain()
    {
        using var temp = new TempFolder();
        foreach (var folder in new[] { "one", "two", "paused" })
        {
            TestImages.Jpeg(temp[$"{folder}/first.jpg"]);
            Assert.Equal(0, (await Fixtures.Cli.RunAsync("index", temp[folder], "--library", temp.Library, "--no-ocr")).ExitCode);
        }
        await using (var catalog = await new Library(temp.Library).OpenAsync())
        {
            await catalog.Sources.SetPausedAsync((await catalog.Sources.FindAsync(temp["paused"]))!.Id, true);
        }
        TestImages.Jpeg(temp["one/later.jpg"], 40, 30);
        TestImages.Png(temp["two/later.png"], 40, 30);
        TestImages.Png(temp["paused/later.png"], 50, 30);

        var result = await Fixtures.Cli.RunAsync("index", "--library", temp.Library, "--no-ocr", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal((4, 2), (result.Json.GetProperty("found").GetInt32(), result.Json.GetProperty("new").GetInt32()));
        Assert.Contains("Scanning the library's 2 sources again.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_NoPathWithASourceGone_SaysSoAndScansTheRest()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["kept/a.jpg"]);
        TestImages.Jpeg(temp["gone/b.jpg"], 40, 30);
        await Fixtures.Cli.RunAsync("index", temp["kept"], temp["gone"], "--library", temp.Library, "--no-ocr");
        Directory.Delete(temp["gone"], recursive: true);

        var result = await Fixtures.Cli.RunAsync("index", "--library", temp.Library, "--no-ocr", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Skipped {temp["gone"]}: {temp["gone"]} no longer exists.", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Json.GetProperty("found").GetInt32());
    }

    [Fact]
    public async Task Index_NoPathOnALibraryWithoutSources_SaysHowToGiveOne()
    {
        using var temp = new TempFolder();
        await (await new Library(temp.Library).OpenAsync()).DisposeAsync();

        var result = await Fixtures.Cli.RunAsync("index", "--library", temp.Library);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("has no sources yet: give the folders or photo libraries to index: `shoebox index PATH...`", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_NoPathWhereThereIsNoLibrary_SaysHowToStartOne()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("index", "--library", temp.Library);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"there is no library at {temp.Library} yet", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Library));
    }

    [Fact]
    public async Task SourcesList_AfterIndex_ShowsEachSourceWithItsPhotos()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Png(temp["photos/b.png"]);
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr");

        var result = await Fixtures.Cli.RunAsync("sources", "list", "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        var source = Assert.Single(result.Json.EnumerateArray());
        Assert.Equal((temp["photos"], "folder", 2), (source.GetProperty("path").GetString(), source.GetProperty("kind").GetString(), source.GetProperty("photos").GetInt32()));
    }

    [Fact]
    public async Task SourcesRemove_Forget_ForgetsItsPhotosAndLeavesTheFiles()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["other/b.jpg"], 40, 30);
        await Fixtures.Cli.RunAsync("index", temp["photos"], temp["other"], "--library", temp.Library, "--no-ocr");

        var result = await Fixtures.Cli.RunAsync("sources", "remove", temp["photos"], "--forget", "--library", temp.Library);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("forgot 1 photos", result.Out, StringComparison.Ordinal);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Equal([temp["other"]], (await catalog.Sources.ListAsync()).Select(s => s.Path));
        Assert.Equal(1, (await catalog.GetStatusAsync()).Photos);
        Assert.True(File.Exists(temp["photos/a.jpg"]));
    }

    [Fact]
    public async Task SourcesRemove_NeitherKeepNorForget_IsAUsageErrorAndRemovesNothing()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr");

        var result = await Fixtures.Cli.RunAsync("sources", "remove", temp["photos"], "--library", temp.Library);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--keep (they stay searchable) or --forget", result.Error, StringComparison.Ordinal);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Single(await catalog.Sources.ListAsync());
    }
}
