using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Core;
using Shoebox.Models.Ocr;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Models.Ocr;

namespace Shoebox.Tests.Web;

/// <summary>
/// `shoebox serve` sets its background indexing up through the same factory as `shoebox index`, so a photo that
/// arrives while it serves gets what an indexed one got: real processes, the real OCR models in a model store of the
/// test's own (the test process's store must stay without them for the tests of their absence).
/// </summary>
[Tier(Tier.Ocr)]
public sealed class ServeIndexingTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private const string Font = "DejaVu Sans Condensed Bold 64";

    [Fact]
    public async Task Serve_PhotoWithTextDroppedIntoAnIndexedFolder_GetsEveryStageIndexGaveAndIsFoundByAWordOfItsText()
    {
        using var temp = new TempFolder();
        var store = StoreWithOcrModels(temp);
        TextPictures.SaveJpeg(TextPictures.Blank(1600, 1200), temp["photos/indexed.jpg"]);
        var index = await Shoebox(store, "index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--offline").FinishAsync();
        Assert.True(index.ExitCode == 0, index.Error);

        var serve = Shoebox(store, "serve", "--library", temp.Library, "--urls", "http://127.0.0.1:0", "--model", tiny.Path, "--offline");
        JsonElement? hit;
        List<(string Stage, string State)> arrived;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await serve.UrlAsync()) };
            // Written beside the folder and moved in, so the watcher never sees half a file.
            TextPictures.SaveJpeg(TextPictures.Meme(Font, "ONE DOES NOT SIMPLY", "WALK INTO MORDOR", 1600, 1200), temp["arrived.jpg"]);
            File.Move(temp["arrived.jpg"], temp["photos/arrived.jpg"]);
            hit = await FindAsync(client, "mordor", "arrived.jpg", TimeSpan.FromMinutes(2));
            arrived = await SettledStagesAsync(temp, temp["photos/arrived.jpg"], TimeSpan.FromMinutes(1));
        }
        finally
        {
            serve.Kill();
        }
        var (_, error) = await serve.FinishAsync();

        if (hit is null)
        {
            Assert.Fail($"the photo was not found by its text within two minutes; serve said: {error}");
            return;
        }
        var indexed = CatalogStages.Of(temp.Library, temp["photos/indexed.jpg"]);
        Assert.Contains((Stages.Ocr, "done"), indexed);
        Assert.Contains((Stages.Tags, "done"), indexed);
        Assert.Equal(indexed, arrived);
    }

    private static string StoreWithOcrModels(TempFolder temp)
    {
        var store = temp.Folder("models");
        var folder = Directory.CreateDirectory(OcrModels.FolderIn(new StoreOptions { Folder = store })).FullName;
        var models = OcrModelsFixture.Models();
        foreach (var file in new[] { models.Detector, models.Classifier, models.Recognizer, models.Keys })
        {
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
        }
        return store;
    }

    private static async Task<JsonElement?> FindAsync(HttpClient client, string word, string name, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={word}");
            foreach (var result in page.GetProperty("results").EnumerateArray())
            {
                // Its picture makes it searchable first; its text, read in a second pass, adds the text match.
                if (result.GetProperty("path").GetString()!.EndsWith(name, StringComparison.Ordinal)
                    && result.GetProperty("matchedBy").EnumerateArray().Any(m => m.GetString() == "text"))
                {
                    return result;
                }
            }
        }
        return null;
    }

    // The photo is searchable as soon as its own results are written; its tags come at the end of the same run.
    private static async Task<List<(string Stage, string State)>> SettledStagesAsync(TempFolder temp, string path, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var stages = CatalogStages.Of(temp.Library, path);
        while (stages.Any(s => s.State == "pending") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            stages = CatalogStages.Of(temp.Library, path);
        }
        return stages;
    }

    private static ShoeboxProcess Shoebox(string store, params string[] args) =>
        ShoeboxProcess.Start(args, new Dictionary<string, string> { [StoreOptions.FolderVariable] = store });
}
