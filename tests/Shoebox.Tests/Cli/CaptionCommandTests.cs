using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.EndToEnd)]
public class CaptionCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task<TempFolder> LibraryAsync(int photos)
    {
        var temp = new TempFolder();
        for (var i = 0; i < photos; i++)
        {
            TestImages.Jpeg(temp[$"photos/p{i}.jpg"], 80 + i, 60);
        }
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path);
        Assert.Equal(0, index.ExitCode);
        return temp;
    }

    private static Task<CliResult> CaptionAsync(TempFolder temp, FakeOllama server, params string[] more) =>
        Fixtures.Cli.RunAsync(["caption", "--url", server.Url.ToString(), "--library", temp.Library, "--json", "--retries", "0", .. more]);

    private static async Task<StageCounts> CountsAsync(TempFolder temp, string model = "llava")
    {
        await using var catalog = await new Library(temp.Library).OpenAsync();
        return await catalog.Stages.CountAsync(Stages.Caption(model));
    }

    [Fact]
    public async Task Caption_IndexedLibrary_CaptionsEveryPhotoFromItsPreviewAndStoresTheCaption()
    {
        using var temp = await LibraryAsync(3);
        using var server = new FakeOllama { Reply = _ => OllamaReply.Caption("A small test picture.") };

        var result = await CaptionAsync(temp, server);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(0, result.Json.GetProperty("remaining").GetInt32());
        Assert.All(server.Requests, r => Assert.Equal([0xFF, 0xD8], Assert.Single(r.Images)[..2])); // JPEG previews
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var (photoId, _) = (await catalog.Stages.ListDoneAsync(Stages.Caption("llava")))[0];
        var text = Assert.Single(await catalog.Texts.OfPhotoAsync(photoId), t => t.Kind == "caption");
        Assert.Equal("ollama:llava", text.Source);
        Assert.Equal("A small test picture.", text.Content);
    }

    [Fact]
    public async Task Caption_ThenSearch_FindsThePhotoByACaptionWord()
    {
        using var temp = await LibraryAsync(3);
        using var server = new FakeOllama { Reply = _ => OllamaReply.Caption("A red lighthouse on a rocky cliff.") };
        Assert.Equal(0, (await CaptionAsync(temp, server, "--limit", "1")).ExitCode);
        long captioned;
        await using (var catalog = await new Library(temp.Library).OpenAsync())
        {
            captioned = Assert.Single(await catalog.Stages.ListDoneAsync(Stages.Caption("llava"))).PhotoId;
        }

        var search = await Fixtures.Cli.RunAsync("search", "lighthouse", "--library", temp.Library, "--json");

        Assert.Equal(0, search.ExitCode);
        Assert.Equal(captioned, search.Json.GetProperty("results")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Caption_Limit_LeavesTheRestForARerunWhichDoesOnlyThem()
    {
        using var temp = await LibraryAsync(4);
        using var server = new FakeOllama();

        var first = await CaptionAsync(temp, server, "--limit", "3");
        var second = await CaptionAsync(temp, server);
        var third = await CaptionAsync(temp, server);

        Assert.Equal(3, first.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(1, first.Json.GetProperty("remaining").GetInt32());
        Assert.Equal(1, second.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(0, third.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(new StageCounts(0, 4, 0), await CountsAsync(temp));
    }

    [Fact]
    public async Task Caption_StoppedWithCtrlC_KeepsTheCaptionInFlightAndARerunContinues()
    {
        using var temp = await LibraryAsync(4);
        using var stop = new CancellationTokenSource();
        using var server = new FakeOllama { Reply = n => OllamaReply.Caption($"Caption {n}.", TimeSpan.FromMilliseconds(200)) };
        server.Received = n =>
        {
            if (n == 1)
            {
                stop.Cancel();
            }
        };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ShoeboxApp.RunAsync(
            ["caption", "--url", server.Url.ToString(), "--library", temp.Library, "--concurrency", "1"], new CliConsole(output, error, false), stop.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Equal(new StageCounts(2, 2, 0), await CountsAsync(temp));
        Assert.Contains("Run `shoebox caption` again", error.ToString());
        server.Received = null;
        var rerun = await CaptionAsync(temp, server);
        Assert.Equal(2, rerun.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Caption_Concurrency_NeverHasMoreRequestsInFlight()
    {
        using var temp = await LibraryAsync(6);
        using var server = new FakeOllama { Reply = n => OllamaReply.Caption($"Caption {n}.", TimeSpan.FromMilliseconds(400)) };

        var result = await CaptionAsync(temp, server, "--concurrency", "3");

        Assert.Equal(6, result.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(3, server.MaxInFlight);
    }

    [Fact]
    public async Task Caption_MalformedAnswer_MarksThatPhotoFailedAndRetryFailedTriesItAgain()
    {
        using var temp = await LibraryAsync(2);
        using var server = new FakeOllama { Reply = n => n == 0 ? new OllamaReply(200, "<html>oops</html>") : OllamaReply.Caption("Fine.") };

        var first = await CaptionAsync(temp, server, "--concurrency", "1");
        var again = await CaptionAsync(temp, server);
        var retried = await CaptionAsync(temp, server, "--retry-failed");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, first.Json.GetProperty("captioned").GetInt32());
        Assert.Contains("not valid JSON", first.Json.GetProperty("failures")[0].GetProperty("reason").GetString());
        Assert.Equal(0, again.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(1, retried.Json.GetProperty("captioned").GetInt32());
        Assert.Equal(new StageCounts(0, 2, 0), await CountsAsync(temp));
    }

    [Fact]
    public async Task Caption_ServerDown_SaysHowToStartOllamaAndLeavesPhotosPending()
    {
        using var temp = await LibraryAsync(2);

        var result = await Fixtures.Cli.RunAsync("caption", "--url", FakeOllama.NobodyListening.ToString(), "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("Is Ollama running? Start it with `ollama serve`", result.Error);
        Assert.Equal(0, (await CountsAsync(temp)).Done);
    }

    [Fact]
    public async Task Caption_ModelNotPulled_SaysHowToPullIt()
    {
        using var temp = await LibraryAsync(1);
        using var server = new FakeOllama { Models = ["llava:latest"] };

        var result = await CaptionAsync(temp, server, "--model", "moondream");

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("`ollama pull moondream`", result.Error);
        Assert.Empty(server.Requests);
        Assert.Equal(new StageCounts(0, 0, 0), await CountsAsync(temp, "moondream")); // a mistyped name leaves nothing behind
    }

    [Fact]
    public async Task Caption_WhileTheLibraryIsBeingIndexed_RefusesToRun()
    {
        using var temp = await LibraryAsync(1);
        using var server = new FakeOllama();
        using var held = LibraryLock.Acquire(temp.Library);

        var result = await CaptionAsync(temp, server);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("already indexing", result.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Caption_ModelRemovedMidRun_StopsAndKeepsTheRestPending()
    {
        using var temp = await LibraryAsync(3);
        using var server = new FakeOllama { Reply = n => n == 0 ? OllamaReply.Caption("First.") : OllamaReply.Error(404, "model 'llava' not found") };

        var result = await CaptionAsync(temp, server, "--concurrency", "1");

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("`ollama pull llava`", result.Error);
        Assert.Equal(new StageCounts(2, 1, 0), await CountsAsync(temp));
    }

    [Fact]
    public async Task Index_AfterAFailedCaption_DoesNotCountThePhotoAsFailed()
    {
        using var temp = await LibraryAsync(1);
        using var server = new FakeOllama { Reply = _ => OllamaReply.Caption("") };
        Assert.Equal(1, (await CaptionAsync(temp, server)).Json.GetProperty("failed").GetInt32());

        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--json");

        Assert.Equal(0, index.ExitCode);
        Assert.Equal(0, index.Json.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Caption_NoLibrary_SaysSo()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("caption", "--library", temp.Library);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("no library", result.Error);
    }
}
