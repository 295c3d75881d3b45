using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>`shoebox index` and `serve` follow the switches kept in the library (its Settings page) unless a flag says otherwise for the run.</summary>
[Tier(Tier.EndToEnd)]
public class LibrarySwitchesCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task<TempFolder> IndexedAsync()
    {
        var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"], 120, 90);
        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr", "--no-tags");
        TestImages.Png(temp["photos/b.png"], 90, 120);
        return temp;
    }

    private static Task<CliResult> RunAsync(TempFolder temp, params string[] args) => Fixtures.Cli.SucceedAsync(temp.Library, args);

    private static async Task SaveAsync(TempFolder temp, LibrarySwitches switches)
    {
        await using var catalog = await new Library(temp.Library).OpenAsync();
        await switches.SaveAsync(catalog);
    }

    // Stages ever queued, whatever their state: a stage turned off is never queued.
    private static async Task<HashSet<string>> StagesAsync(TempFolder temp)
    {
        var status = (await RunAsync(temp, "status", "--json")).Json;
        return [.. new[] { "pending", "done", "failedByStage" }.SelectMany(k => status.GetProperty(k).EnumerateObject()).Where(p => p.Value.GetInt32() > 0).Select(p => p.Name)];
    }

    [Fact]
    public async Task Index_FacesOnByDefaultWithoutTheModels_QueuesThemAndSaysSo()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"], 120, 90);

        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--offline", "--no-ocr", "--no-tags");

        Assert.True(index.ExitCode == 0, index.Error);
        Assert.Contains("--no-faces", index.Error, StringComparison.Ordinal);
        Assert.Contains(Stages.Faces, await StagesAsync(temp));
    }

    [Fact]
    public async Task Index_NoFacesFlag_QueuesNoFacesAndKeepsTheSwitch()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"], 120, 90);

        await RunAsync(temp, "index", temp["photos"], "--model", tiny.Path, "--offline", "--no-ocr", "--no-tags", "--no-faces");

        Assert.DoesNotContain(Stages.Faces, await StagesAsync(temp));
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.True((await LibrarySwitches.ReadAsync(catalog)).Faces);
    }

    [Fact]
    public async Task Index_LibraryTurnedTextAndTagsOff_QueuesNeither()
    {
        using var temp = await IndexedAsync();
        await SaveAsync(temp, new LibrarySwitches(ReadText: false, Tag: false));

        await RunAsync(temp, "index", temp["photos"], "--offline");

        var stages = await StagesAsync(temp);
        Assert.DoesNotContain(Stages.Ocr, stages);
        Assert.DoesNotContain(Stages.Tags, stages);
        Assert.Contains(Stages.Thumbnails, stages);
    }

    [Fact]
    public async Task Index_TextOnInTheLibraryButNoOcrFlag_ReadsNoTextThisRunAndKeepsTheSwitch()
    {
        using var temp = await IndexedAsync();
        await SaveAsync(temp, new LibrarySwitches(ReadText: true, Tag: false));

        await RunAsync(temp, "index", temp["photos"], "--offline", "--no-ocr");

        Assert.DoesNotContain(Stages.Ocr, await StagesAsync(temp));
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.True((await LibrarySwitches.ReadAsync(catalog)).ReadText);
    }

    [Fact]
    public async Task Index_LibraryWithTextOn_QueuesTheText()
    {
        using var temp = await IndexedAsync();
        await SaveAsync(temp, new LibrarySwitches(ReadText: true, Tag: false));

        await RunAsync(temp, "index", temp["photos"], "--offline");

        Assert.Contains(Stages.Ocr, await StagesAsync(temp));
    }

    [Fact]
    public async Task Serve_LibraryTurnedTextAndTagsOff_BackgroundIndexingQueuesNeither()
    {
        using var temp = await IndexedAsync();
        await SaveAsync(temp, new LibrarySwitches(ReadText: false, Tag: false));
        var before = (await RunAsync(temp, "status", "--json")).Json.GetProperty("lastRunFinished").GetString();

        using var stop = new CancellationTokenSource();
        var serve = Fixtures.Cli.RunAsync(["serve", "--library", temp.Library, "--urls", "http://127.0.0.1:0", "--model", tiny.Path, "--offline"], stop.Token);
        // Background indexing's first walk comes a few seconds after the start; its end is the run the catalog records.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        JsonElement status;
        do
        {
            await Task.Delay(250);
            status = (await RunAsync(temp, "status", "--json")).Json;
        }
        // A run under way is the latest, and has not finished: null.
        while (status.GetProperty("lastRunFinished").GetString() is var finished && (finished is null || finished == before) && !serve.IsCompleted && DateTime.UtcNow < deadline);
        await stop.CancelAsync();
        var served = await serve;

        Assert.True(served.ExitCode == 0, served.Error);
        Assert.NotEqual(before, status.GetProperty("lastRunFinished").GetString());
        Assert.NotNull(status.GetProperty("lastRunFinished").GetString());
        var stages = await StagesAsync(temp);
        Assert.DoesNotContain(Stages.Ocr, stages);
        Assert.DoesNotContain(Stages.Tags, stages);
        Assert.Equal(2, status.GetProperty("done").GetProperty(Stages.Thumbnails).GetInt32());
    }
}
