using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>A raw and the JPEG of the same shot, indexed by the CLI (the raw first), as search, the app and `duplicates` show them.</summary>
[Tier(Tier.EndToEnd)]
public class RawPairTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public async Task RawThenJpegOfSameShot_OneResultBothFilesJpegServedNoDuplicates()
    {
        using var temp = new TempFolder();
        var shots = temp.Folder("Lisbon");
        const string taken = "2024:05:17 10:11:12";
        var raw = TestRaws.LinearDng(Path.Combine(shots, "IMG_7.DNG"), 64, 48, taken: taken);
        var first = await Fixtures.Cli.RunAsync("index", shots, "--library", temp.Library, "--model", tiny.Path, "--no-ocr");
        var jpeg = TestRaws.CameraJpeg(Path.Combine(shots, "IMG_7.JPG"), 64, 48, taken);
        var second = await Fixtures.Cli.RunAsync("index", shots, "--library", temp.Library, "--model", tiny.Path, "--no-ocr");
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        await using var session = await SearchSession.OpenAsync(new CliConsole(TextWriter.Null, TextWriter.Null, false), new Shoebox.Catalog.Library(temp.Library), tiny.Path, offline: true, CancellationToken.None);
        await using var server = WebServer.Create(new WebServerOptions { Urls = "http://127.0.0.1:0" }, session!.Engine);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };

        var results = (await client.GetFromJsonAsync<JsonElement>("/api/search?q=in:Lisbon")).GetProperty("results");
        var id = results[0].GetProperty("id").GetInt64();
        var locations = (await client.GetFromJsonAsync<JsonElement>($"/api/photos/{id}")).GetProperty("locations");
        var original = await client.GetByteArrayAsync($"/api/photos/{id}/original");
        var duplicates = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json");

        Assert.Equal(1, results.GetArrayLength());
        Assert.Equal([(jpeg, "file"), (raw, "raw")], locations.EnumerateArray().Select(l => (l.GetProperty("path").GetString(), l.GetProperty("readFrom").GetString())));
        Assert.Equal(await File.ReadAllBytesAsync(jpeg), original);
        Assert.Equal(0, duplicates.Json.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Index_BothPairOptions_RefusedAsContradictory()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("index", temp.Folder("shots"), "--library", temp.Library, "--keep-raw-pairs-apart", "--pair-raws");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("contradict", result.Error);
    }
}
