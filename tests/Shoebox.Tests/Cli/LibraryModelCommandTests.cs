using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>Which model a library searches and indexes with, when nobody says --model.</summary>
[Tier(Tier.Unit)]
public class LibraryModelCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private static TempFolder Photos()
    {
        var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"], 120, 90);
        TestImages.Png(temp["photos/b.png"], 90, 120);
        return temp;
    }

    private static Task<CliResult> RunAsync(TempFolder temp, params string[] args) => Fixtures.Cli.SucceedAsync(temp.Library, args);

    [Fact]
    public async Task Similar_IndexedWithUnreachableDefaultThenAnotherModel_UsesTheModelWithVectors()
    {
        using var temp = Photos();
        await RunAsync(temp, "index", temp["photos"], "--offline", "--no-ocr");
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr");

        var similar = await RunAsync(temp, "similar", temp["photos/a.jpg"], "--offline", "--json");
        var search = await RunAsync(temp, "search", "a", "--offline", "--json");
        var status = (await RunAsync(temp, "status", "--json")).Json.GetProperty("model");

        Assert.Contains(similar.Json.GetProperty("results").EnumerateArray(), r => r.GetProperty("path").GetString() == temp["photos/b.png"]);
        Assert.DoesNotContain("clip-vit-b32", similar.Error + search.Error, StringComparison.Ordinal);
        Assert.Equal(tiny.Path, status.GetProperty("name").GetString());
        Assert.Contains("vectors of 2 photos", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_TwoModelsWithAllVectors_LaterRunsUseTheOneLastAskedFor()
    {
        using var temp = Photos();
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr");
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.OtherSeed, "--offline", "--no-ocr");

        var status = (await RunAsync(temp, "status", "--json")).Json.GetProperty("model");

        Assert.Equal(tiny.OtherSeed, status.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ModelsUse_AModelWithoutVectors_IsUsedAndShownUntilAuto()
    {
        using var temp = Photos();
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr");

        var use = await RunAsync(temp, "models", "use", tiny.OtherSeed);
        var chosen = (await RunAsync(temp, "status", "--json")).Json.GetProperty("model");
        var text = (await RunAsync(temp, "status")).Out;
        await RunAsync(temp, "models", "use", "--auto");
        var auto = (await RunAsync(temp, "status", "--json")).Json.GetProperty("model");

        Assert.Contains("vectors of 0 photos", use.Out, StringComparison.Ordinal);
        Assert.Equal(tiny.OtherSeed, chosen.GetProperty("name").GetString());
        Assert.Contains("models use", chosen.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains($"model     {tiny.OtherSeed}", text, StringComparison.Ordinal);
        Assert.Equal(tiny.Path, auto.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ModelsUse_EveryPhotoThatExistsHasVectors_AsksForNoIndex()
    {
        using var temp = Photos();
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr");
        File.Delete(temp["photos/b.png"]);
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr");

        var use = await RunAsync(temp, "models", "use", tiny.Path);

        Assert.DoesNotContain("shoebox index", use.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsUse_OnePhotoOfTwoWithVectors_SaysOnePhoto()
    {
        // The other model's vectors are made for the first photo only: a run makes its model's for every photo.
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["first/a.jpg"], 120, 90);
        await RunAsync(temp, "index", temp["first"], "--model", tiny.OtherSeed, "--offline", "--no-ocr");
        TestImages.Png(temp["second/b.png"], 90, 120);
        await RunAsync(temp, "index", temp["second"], "--model", tiny.Path, "--offline", "--no-ocr");

        var use = await RunAsync(temp, "models", "use", tiny.OtherSeed);

        Assert.Contains("vectors of 1 photo: `shoebox index` makes the others.", use.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsUse_UnknownModel_IsAUsageErrorAndChangesNothing()
    {
        using var temp = Photos();
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr");

        var use = await Fixtures.Cli.RunAsync("models", "use", "clip-vit-z99", "--library", temp.Library);
        var status = (await RunAsync(temp, "status", "--json")).Json.GetProperty("model");

        Assert.Equal(ExitCodes.Usage, use.ExitCode);
        Assert.Contains("No model is called 'clip-vit-z99'", use.Error, StringComparison.Ordinal);
        Assert.Equal(tiny.Path, status.GetProperty("name").GetString());
    }
}
