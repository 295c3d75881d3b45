using System.Text.Json;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class ModelCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public async Task Index_DefaultModelCannotBeDownloaded_CataloguesAllSaysHowToGetItAndExits0()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Jpeg(temp["photos/b.jpg"]);

        var result = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--offline", "--json");
        var status = (await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--json")).Json;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Json.GetProperty("new").GetInt32());
        Assert.Contains("downloads are turned off", result.Error);
        Assert.Contains("/Xenova/clip-vit-base-patch32/resolve/main/onnx/vision_model.onnx", result.Error);
        Assert.Contains("stay pending", result.Error);
        Assert.Equal(2, status.GetProperty("pending").GetProperty("embed:clip-vit-b32@xenova-fp32-1").GetInt32());
        Assert.Equal(2, status.GetProperty("done").GetProperty("thumbnails").GetInt32());
    }

    [Fact]
    public async Task Index_ModelFolder_BecomesTheLibraryDefaultForLaterRuns()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("photos");
        TestImages.Jpeg(temp["photos/a.jpg"]);
        await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--model", tiny.Path);
        TestImages.Jpeg(temp["photos/b.jpg"]);

        var second = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--json");
        var status = (await Fixtures.Cli.RunAsync("status", "--library", temp.Library, "--json")).Json;

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("synthetic-tiny", second.Error);
        Assert.Equal(2, status.GetProperty("done").GetProperty("embed:synthetic-tiny@seed-1").GetInt32());
    }

    [Fact]
    public async Task Index_UnknownModelName_IsAUsageError()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("index", temp.Folder("photos"), "--library", temp.Library, "--model", "clip-vit-z99");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("No model is called 'clip-vit-z99'", result.Error);
    }

    [Fact]
    public async Task Embed_TextAndImage_PrintNormalisedVectorsAsJson()
    {
        using var temp = new TempFolder();
        var image = TestImages.Jpeg(temp["a.jpg"], 320, 240);

        var text = await Fixtures.Cli.RunAsync("embed", "--model", tiny.Path, "--text", "a meme about writing a blog post", "--json");
        var picture = await Fixtures.Cli.RunAsync("embed", image, "--model", tiny.Path, "--json");

        foreach (var result in new[] { text, picture })
        {
            Assert.Equal(0, result.ExitCode);
            var json = result.Json;
            var vector = json.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal("synthetic-tiny", json.GetProperty("model").GetString());
            Assert.Equal(json.GetProperty("dims").GetInt32(), vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
        }
    }

    [Theory]
    [InlineData("embed")]
    [InlineData("embed", "x.jpg", "--text", "both")]
    public async Task Embed_NeitherOrBoth_IsAUsageError(params string[] args)
    {
        var result = await Fixtures.Cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Fact]
    public async Task Embed_BrokenImage_SaysWhyAndExits2()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["broken.jpg"], "no pixels here");

        var result = await Fixtures.Cli.RunAsync("embed", temp["broken.jpg"], "--model", tiny.Path);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("cannot decode", result.Error);
    }

    [Fact]
    public async Task ModelsList_Json_ListsTheRegistryWithTheDefaultMarked()
    {
        var result = await Fixtures.Cli.RunAsync("models", "list", "--json");

        var models = result.Json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "clip-vit-b32" && m.GetProperty("isDefault").GetBoolean());
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "resnet18-imagenet" && m.GetProperty("installed").GetBoolean() && !m.GetProperty("text").GetBoolean());
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "siglip-base-224");
    }

    [Fact]
    public async Task ModelsSynth_WritesAFolderThatIndexAccepts()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("models", "synth", "--preset", "tiny", "--out", temp["model"], "--seed", "5");
        var vector = await Fixtures.Cli.RunAsync("embed", "--model", temp["model"], "--text", "money", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(temp["model/onnx/vision_model.onnx"]));
        Assert.Equal("seed-5", vector.Json.GetProperty("version").GetString());
    }
}
