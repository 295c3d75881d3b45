using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class IndexAndStatusCommandTests
{
    [Fact]
    public async Task Index_Json_PrintsOneObjectWithTheNamesScriptsUse()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        File.WriteAllText(temp["photos/b.jpg"], "not a photo");

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        foreach (var name in new[] { "found", "new", "unchanged", "moved", "missing", "failed" })
        {
            Assert.Equal(JsonValueKind.Number, json.GetProperty(name).ValueKind);
        }
        Assert.Equal(2, json.GetProperty("found").GetInt32());
        var failure = Assert.Single(json.GetProperty("failures").EnumerateArray());
        Assert.Equal(temp["photos/b.jpg"], failure.GetProperty("path").GetString());
        Assert.Contains("not an image", failure.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Index_Text_EndsWithASummaryAndTheFailures()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        File.WriteAllBytes(temp["photos/empty.png"], []);

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"new\s+1", result.Out);
        Assert.Matches(@"failed\s+1", result.Out);
        Assert.Contains($"{temp["photos/empty.png"]}: empty file", result.Out);
    }

    [Fact]
    public async Task Status_Json_ReportsPhotosLocationsAndPendingPerStage()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["photos/b.jpg"]);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);

        var result = await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(2, json.GetProperty("photos").GetInt32());
        Assert.Equal(2, json.GetProperty("locations").GetInt32());
        Assert.Equal(0, json.GetProperty("missing").GetInt32());
        Assert.Equal(0, json.GetProperty("failed").GetInt32());
        Assert.Equal(0, json.GetProperty("pending").GetProperty("thumbnails").GetInt32());
        Assert.Equal(2, json.GetProperty("done").GetProperty("metadata").GetInt32());
    }

    [Fact]
    public async Task Status_Text_ShowsCountsAndStages()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);

        var result = await Fixtures.Cli.RunAsync("status", "--library", temp.Library);

        Assert.Matches(@"photos\s+1", result.Out);
        Assert.Matches(@"thumbnails\s+1\s+0\s+0", result.Out);
    }

    [Fact]
    public async Task Status_NoLibraryYet_SaysHowToCreateOneAndExits2()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("status", "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("shoebox index", result.Error);
        Assert.False(Directory.Exists(temp.Library));
    }

    [Fact]
    public async Task Prune_ForgetsMissingFilesAndOrphanedPhotosButKeepsTheRest()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        var gone = TestImages.Jpeg(temp["photos/gone.jpg"]);
        var kept = TestImages.Jpeg(temp["photos/kept.jpg"]);
        File.Copy(kept, temp["photos/kept-copy.jpg"]);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);
        File.Delete(gone);
        File.Delete(temp["photos/kept-copy.jpg"]);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);

        var result = await Fixtures.Cli.RunAsync("prune", "--library", temp.Library, "--json");
        var status = (await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--json")).Json;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Json.GetProperty("locations").GetInt32());
        Assert.Equal(1, result.Json.GetProperty("photos").GetInt32());
        Assert.Equal((1, 1, 0), (status.GetProperty("photos").GetInt32(), status.GetProperty("locations").GetInt32(), status.GetProperty("missing").GetInt32()));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(temp.Library, "thumbnails"), "*.jpg", SearchOption.AllDirectories)); // the kept photo's grid thumbnail
    }

    [Fact]
    public async Task Prune_AfterTheThumbnailFolderWasDeleted_StillWorks()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        var gone = TestImages.Jpeg(temp["photos/gone.jpg"]);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);
        File.Delete(gone);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);
        Directory.Delete(Path.Combine(temp.Library, "thumbnails"), recursive: true);

        var result = await Fixtures.Cli.RunAsync("prune", "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, result.Json.GetProperty("photos").GetInt32());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("index", "--help")]
    [InlineData("status", "--help")]
    public async Task Help_EveryCommand_PrintsUsageAndExits0(params string[] args)
    {
        var result = await Fixtures.Cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains(args.Length == 1 ? "index" : "--library", result.Out);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("index", "x", "--no-such-option")]
    [InlineData("frobnicate")]
    [InlineData("index", "x", "--max-megapixels", "-3")]
    public async Task UsageError_Exits1WithAMessage(params string[] args)
    {
        var result = await Fixtures.Cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }

    [Fact]
    public async Task Index_FolderThatDoesNotExist_Exits2WithItsName()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("index", temp["nowhere"], "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("nowhere", result.Error);
    }

    [Fact]
    public async Task Index_WhileAnotherIndexHoldsTheLibrary_IsRefusedWithExit2()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        using var busy = LibraryLock.Acquire(temp.Library);

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("already indexing", result.Error);
    }

    [Fact]
    public async Task Index_CorruptCatalog_Exits2AndLeavesTheFileAlone()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        Directory.CreateDirectory(temp.Library);
        var catalog = Path.Combine(temp.Library, PhotoCatalog.FileName);
        File.WriteAllBytes(catalog, Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("not a Shoebox catalog", result.Error);
        Assert.All(File.ReadAllBytes(catalog), b => Assert.Equal(0x5A, b));
    }

    [Fact]
    public void LibraryLocation_EnvironmentVariable_IsUsedWhenNoOptionIsGiven()
    {
        var previous = Environment.GetEnvironmentVariable(LibraryLocation.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(LibraryLocation.EnvironmentVariable, "/srv/photos-library");
            Assert.Equal("/srv/photos-library", LibraryLocation.Resolve(null));
            Assert.Equal("/elsewhere", LibraryLocation.Resolve("/elsewhere"));
            Environment.SetEnvironmentVariable(LibraryLocation.EnvironmentVariable, null);
            var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            Assert.Equal(
                Path.Combine(string.IsNullOrEmpty(dataHome) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share") : dataHome, "shoebox"),
                LibraryLocation.Resolve(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LibraryLocation.EnvironmentVariable, previous);
        }
    }
}
