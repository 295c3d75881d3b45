using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Cli;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

[Tier(Tier.EndToEnd)]
public class FreshnessTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    [Fact]
    public async Task Serve_NewFileInAnIndexedFolder_IsIndexedInTheBackgroundAndFound()
    {
        using var indexing = new IndexingPipeline(
            library.Session.Engine.Library, services: new IndexingServices { Model = library.Session.Engine.Model, Encoder = library.Session.Model?.Images });
        var server = await library.StartAsync(o => o with
        {
            Indexing = indexing,
            QuietPeriod = TimeSpan.FromMilliseconds(300),
            FirstScanDelay = TimeSpan.FromHours(1),
        });
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };

        TestImages.Jpeg(library.Temp["photos/freshly-added-giraffe.jpg"]);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var found = false;
        while (!found && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            var page = await client.GetFromJsonAsync<JsonElement>("/api/search?q=giraffe");
            found = page.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("path").GetString()!.EndsWith("freshly-added-giraffe.jpg", StringComparison.Ordinal));
        }
        Assert.True(found, "the new photo was not found within a minute");
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Contains(library.Root, status.GetProperty("indexing").GetProperty("roots").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task ServeCommand_Started_PrintsTheUrlAndAnswersSearches()
    {
        using var output = new StringWriter();
        using var synchronizedOut = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = ShoeboxApp.RunAsync(
            ["serve", "--library", library.Temp.Library, "--urls", "http://127.0.0.1:0", "--model", library.ModelPath, "--offline", "--no-watch"],
            new CliConsole(synchronizedOut, TextWriter.Null, Interactive: false), stop.Token);

        string? url = null;
        while (url is null && !run.IsCompleted)
        {
            await Task.Delay(100);
            url = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"at (http://127\.0\.0\.1:\d+/)").Groups[1] is { Success: true } m ? m.Value : null;
        }
        Assert.NotNull(url);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var page = await client.GetFromJsonAsync<JsonElement>("/api/search?q=cake");
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Contains(page.GetProperty("results").EnumerateArray(), r => r.GetProperty("path").GetString()!.EndsWith("birthday-cake.jpg", StringComparison.Ordinal));
    }
}
