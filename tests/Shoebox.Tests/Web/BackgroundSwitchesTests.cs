using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>A served library's background indexing follows the switches changed on the Settings page while it serves.</summary>
[Tier(Tier.EndToEnd)]
public class BackgroundSwitchesTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    [Fact]
    public async Task PutSettings_ReadTextOffWhileServing_NextBackgroundRunReadsNoText()
    {
        // Started reading text: without its models (none in the test's store) the stage would be queued and wait.
        using var indexing = new IndexingPipeline(library.Session.Engine.Library, new IndexSettings { ReadText = true },
            new IndexingServices { Model = library.Session.Engine.Model, Encoder = library.Session.Model?.Images });
        var server = await library.StartAsync(o => o with
        {
            Indexing = indexing,
            QuietPeriod = TimeSpan.FromMilliseconds(300),
            FirstScanDelay = TimeSpan.FromHours(1),
        });
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };

        using (var put = await client.PutAsync("/api/settings", new StringContent("{\"readText\": false}", Encoding.UTF8, "application/json")))
        {
            put.EnsureSuccessStatusCode();
        }
        TestImages.Jpeg(library.Temp["photos/added-while-serving.jpg"]);
        var stages = await SettledStagesAsync(client, library.Temp["photos/added-while-serving.jpg"]);

        Assert.Contains((Stages.Thumbnails, "done"), stages);
        Assert.DoesNotContain(stages, s => s.Stage == Stages.Ocr);
    }

    // The photo's stages once background indexing has made its thumbnail.
    private async Task<List<(string Stage, string State)>> SettledStagesAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await Task.Delay(250);
            var stages = CatalogStages.Of(library.Temp.Library, path);
            var running = (await client.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("indexing").GetProperty("state").GetString() == "running";
            if ((stages.Contains((Stages.Thumbnails, "done")) && !running) || DateTime.UtcNow > deadline)
            {
                return stages;
            }
        }
    }
}
