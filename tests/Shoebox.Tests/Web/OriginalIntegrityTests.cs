using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.GoogleTakeout;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>
/// The original-file endpoint serves a photo's bytes only while what is at its place is still what was indexed: a
/// file swapped for a link to a private file, or for other bytes, is not served; one merely touched still is.
/// </summary>
[Tier(Tier.EndToEnd)]
public class OriginalIntegrityTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private sealed class Served(TempFolder temp, SearchSession session, WebServer server, HttpClient client) : IAsyncDisposable
    {
        public TempFolder Temp => temp;

        public HttpClient Client => client;

        public async Task<long> IdAsync(string query) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}")).GetProperty("results")[0].GetProperty("id").GetInt64();

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await server.DisposeAsync();
            await session.DisposeAsync();
            temp.Dispose();
        }
    }

    private async Task<Served> ServeAsync(TempFolder temp, string indexed)
    {
        string[] command = ArchiveIs(indexed) ? ["import", "takeout", indexed] : ["index", indexed];
        var index = await Fixtures.Cli.RunAsync([.. command, "--library", temp.Library, "--model", tiny.Path, "--no-ocr"]);
        Assert.True(index.ExitCode == 0, index.Error);
        var session = await SearchSession.OpenAsync(new CliConsole(TextWriter.Null, TextWriter.Null, false), new Shoebox.Catalog.Library(temp.Library), tiny.Path, offline: true, CancellationToken.None);
        var server = WebServer.Create(new WebServerOptions { Urls = "http://127.0.0.1:0" }, session!.Engine);
        await server.StartAsync();
        return new Served(temp, session, server, new HttpClient { BaseAddress = new Uri(server.BrowserUrl) });
    }

    private static bool ArchiveIs(string path) => path.EndsWith(".zip", StringComparison.Ordinal);

    private async Task<(Served Served, string Photo, long Id)> ServedPhotoAsync()
    {
        var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["photos/holiday.jpg"], 80, 60);
        var served = await ServeAsync(temp, temp["photos"]);
        return (served, photo, await served.IdAsync("holiday"));
    }

    [Fact]
    public async Task Original_FileReplacedByALinkToAPrivateFile_IsNotServed()
    {
        var (served, photo, id) = await ServedPhotoAsync();
        await using var _ = served;
        var secret = TestImages.Jpeg(served.Temp["private/secret.jpg"], 80, 60, quality: 50);
        File.Delete(photo);
        File.CreateSymbolicLink(photo, secret);

        using var response = await served.Client.GetAsync($"/api/photos/{id}/original");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("changed since", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Original_FileReplacedByOtherBytesOfTheSameSize_IsNotServed()
    {
        var (served, photo, id) = await ServedPhotoAsync();
        await using var _ = served;
        var bytes = File.ReadAllBytes(photo);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(photo, bytes);
        File.SetLastWriteTimeUtc(photo, DateTime.UtcNow.AddMinutes(5));

        using var response = await served.Client.GetAsync($"/api/photos/{id}/original");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Original_FileTouchedOrLinkedToTheSameBytes_IsStillServed()
    {
        var (served, photo, id) = await ServedPhotoAsync();
        await using var _ = served;
        var bytes = File.ReadAllBytes(photo);
        File.SetLastWriteTimeUtc(photo, DateTime.UtcNow.AddMinutes(5));
        using var touched = await served.Client.GetAsync($"/api/photos/{id}/original");
        File.Move(photo, served.Temp["moved.jpg"]);
        File.CreateSymbolicLink(photo, served.Temp["moved.jpg"]);

        using var linked = await served.Client.GetAsync($"/api/photos/{id}/original");

        Assert.Equal(HttpStatusCode.OK, touched.StatusCode);
        Assert.Equal(bytes, await touched.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(bytes, await linked.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Original_ArchiveEntry_ServesRangesStreamedFromTheArchive()
    {
        var temp = new TempFolder();
        var jpeg = TakeoutFiles.Jpeg(temp, 90, 60);
        // A photo followed by a long run of zeros: the zip stays small, the entry does not.
        var entry = jpeg.Concat(new byte[8 << 20]).ToArray();
        var zip = new TakeoutFiles().Add("Takeout/Google Photos/Lisbon/IMG_7.jpg", entry).WriteZip(temp["takeout-001.zip"]);
        await using var served = await ServeAsync(temp, zip);
        var id = await served.IdAsync("in:Lisbon");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/photos/{id}/original") { Headers = { Range = new RangeHeaderValue(jpeg.Length - 50, jpeg.Length + 49) } };

        using var response = await served.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(entry.Length, response.Content.Headers.ContentRange?.Length);
        Assert.Equal(entry[(jpeg.Length - 50)..(jpeg.Length + 50)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Original_ArchiveRewrittenWithOtherBytesUnderTheSameName_IsNotServed()
    {
        var temp = new TempFolder();
        var name = "Takeout/Google Photos/Lisbon/IMG_7.jpg";
        var zip = new TakeoutFiles().Add(name, TakeoutFiles.Jpeg(temp, 90, 60)).WriteZip(temp["takeout-001.zip"]);
        await using var served = await ServeAsync(temp, zip);
        var id = await served.IdAsync("in:Lisbon");
        File.Delete(zip);
        new TakeoutFiles().Add(name, TakeoutFiles.Jpeg(temp, 120, 90)).WriteZip(zip);

        using var response = await served.Client.GetAsync($"/api/photos/{id}/original");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
