using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Search.Engine;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>Every error the server answers is JSON with a message, carries the security headers, and is logged without the user's words.</summary>
[Tier(Tier.EndToEnd)]
public class ErrorResponseTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    private static async Task<string> AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
        return message;
    }

    [Theory]
    [InlineData("/api/search?q=cat&offset=99999999999", "offset")]
    [InlineData("/api/search?limit=abc", "limit")]
    [InlineData("/api/random?limit=abc", "limit")]
    [InlineData("/api/photos/1/similar?offset=first", "offset")]
    [InlineData("/api/search?like=abc", "like")]
    public async Task Get_NumberThatIsNotOne_Answers400JsonNamingTheParameter(string url, string parameter)
    {
        using var response = await library.Client.GetAsync(url);

        var message = await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(parameter, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TwelveKilobyteQuery_Answers414Json()
    {
        var query = string.Join(' ', Enumerable.Repeat("word", 12 * 1024 / 5));

        using var response = await library.Client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        Assert.Contains("fewer words", await AssertJsonErrorAsync(response, HttpStatusCode.RequestUriTooLong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_LikeAPhotoThatIsNotThere_SaysSoInPlainWords()
    {
        using var response = await library.Client.GetAsync("/api/search?like=999999");

        Assert.Equal("There is no photo 999999 in this library.", await AssertJsonErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task PostTag_InvalidJson_Answers400Json()
    {
        var id = await library.IdOfAsync("red-car.jpg");
        using var body = new StringContent("{\"tag\": ", Encoding.UTF8, "application/json");

        using var response = await library.Client.PostAsync($"/api/photos/{id}/tags", body);

        Assert.Contains("not JSON", await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTag_PlainText_Answers415Json()
    {
        var id = await library.IdOfAsync("red-car.jpg");
        using var body = new StringContent("beach", Encoding.UTF8, "text/plain");

        using var response = await library.Client.PostAsync($"/api/photos/{id}/tags", body);

        await AssertJsonErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("PUT", "/api/status")]
    [InlineData("GET", "/js/no-such-script.js")]
    public async Task Request_NothingAnswersIt_AnswersJson(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        using var response = await library.Client.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 400 and < 500, response.StatusCode.ToString());
        await AssertJsonErrorAsync(response, response.StatusCode);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    [InlineData("multipart/form-data; boundary=not-the-one-in-the-body")]
    public async Task Upload_MultipartWithABadBoundary_Answers400Json(string contentType)
    {
        using var body = new ByteArrayContent("--real-boundary\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\nxyz\r\n--real-boundary--\r\n"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await library.Client.PostAsync("/api/search/image", body);

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task Upload_ChunkedPastTheLimit_Answers413Json(string type)
    {
        var server = await library.StartAsync(o => o with { MaxUploadBytes = 64 * 1024 });
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };
        var bytes = new byte[256 * 1024];
        using var temp = new TempFolder();
        File.ReadAllBytes(TestImages.Jpeg(temp["big.jpg"], 64, 64)).CopyTo(bytes, 0);
        HttpContent content = new UnsizedContent(bytes, type == "multipart/form-data" ? "image/jpeg" : type);
        if (type == "multipart/form-data")
        {
            content = new MultipartFormDataContent { { content, "image", "big.jpg" } };
        }

        using (content)
        {
            using var response = await client.PostAsync("/api/search/image", content);

            await AssertJsonErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task Server_UnexpectedFailure_Answers500JsonWithTheHeadersAndLogsIt()
    {
        var log = new CollectedLog();
        var engine = await SearchEngine.OpenAsync(new SearchEngineOptions { Library = new Library(library.Temp.Library, library.Catalog) });
        await using var server = WebServer.Create(new WebServerOptions { Urls = "http://127.0.0.1:0" }, engine, log);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };
        // An engine closed under a running server: every catalog read now fails.
        await engine.DisposeAsync();

        using var response = await client.GetAsync("/api/status");

        Assert.Contains("server", await AssertJsonErrorAsync(response, HttpStatusCode.InternalServerError), StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith("Error 20: GET /api/status failed with ObjectDisposedException and answered 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_Logged_NameTheRouteAndStatusButNotTheUsersWords()
    {
        var log = new CollectedLog();
        var server = await library.StartAsync(o => o, log);
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };
        var id = await library.IdOfAsync("red-car.jpg");

        using var badLimit = await client.GetAsync("/api/search?q=secretword&limit=secretlimit");
        using var badBody = await client.PostAsync($"/api/photos/{id}/tags", new StringContent("{\"tag\": \"secretword", Encoding.UTF8, "application/json"));
        using var unknown = await client.DeleteAsync("/api/photos/987654/tags/secretword");

        Assert.Contains(log.Lines, l => l == "Information 22: GET /api/search answered 400");
        Assert.Contains(log.Lines, l => l == "Information 22: POST /api/photos/{id:long}/tags answered 400");
        Assert.Contains(log.Lines, l => l == "Information 22: DELETE /api/photos/{id:long}/tags/{**tag} answered 404");
        Assert.DoesNotContain("secret", log.Text, StringComparison.Ordinal);
    }

    /// <summary>A body of no stated length, which HttpClient sends chunked.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(byte[] bytes, string type)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(type);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
