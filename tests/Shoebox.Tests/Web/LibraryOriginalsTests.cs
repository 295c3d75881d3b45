using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.GoogleTakeout;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>Photos whose bytes live inside a Takeout archive: shown, opened and explained by the web app.</summary>
[Tier(Tier.EndToEnd)]
public class LibraryOriginalsTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public async Task Original_PhotoInsideAnArchive_IsStreamedFromTheArchiveAndMarkedSo()
    {
        using var temp = new TempFolder();
        var jpeg = TakeoutFiles.Jpeg(temp, 90, 60);
        var archive = new TakeoutFiles()
            .Add("Takeout/Google Photos/Lisbon/IMG_7.jpg", jpeg)
            .Add("Takeout/Google Photos/Lisbon/IMG_7.jpg.json", TakeoutFiles.Sidecar("IMG_7.jpg", taken: 1696573800))
            .WriteTgz(temp["takeout-001.tgz"]);
        var import = await Fixtures.Cli.RunAsync("import", "takeout", archive, "--library", temp.Library, "--model", tiny.Path);
        Assert.True(import.ExitCode == 0, import.Error);
        await using var session = await SearchSession.OpenAsync(new CliConsole(TextWriter.Null, TextWriter.Null, false), new Shoebox.Catalog.Library(temp.Library), tiny.Path, offline: true, CancellationToken.None);
        await using var server = WebServer.Create(new WebServerOptions { Urls = "http://127.0.0.1:0" }, session!.Engine);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };

        var page = await client.GetFromJsonAsync<JsonElement>("/api/search?q=in:Lisbon");
        var id = page.GetProperty("results")[0].GetProperty("id").GetInt64();
        var details = await client.GetFromJsonAsync<JsonElement>($"/api/photos/{id}");
        using var original = await client.GetAsync($"/api/photos/{id}/original");

        var location = details.GetProperty("locations")[0];
        Assert.Equal($"{archive}/Takeout/Google Photos/Lisbon/IMG_7.jpg", location.GetProperty("path").GetString());
        Assert.Equal("archive", location.GetProperty("readFrom").GetString());
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await original.Content.ReadAsByteArrayAsync());
    }
}
