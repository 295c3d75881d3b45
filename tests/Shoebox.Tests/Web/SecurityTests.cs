using System.Net;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

[Tier(Tier.EndToEnd)]
public class SecurityTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    private const string Token = "a-long-enough-test-token";

    [Fact]
    public async Task Responses_Always_CarryTheSecurityHeaders()
    {
        foreach (var url in new[] { "/", "/api/status", "/api/photos/999999" })
        {
            using var response = await library.Client.GetAsync(url);

            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy);
            Assert.Contains("img-src 'self' blob: data:", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8642")]
    [InlineData("192.168.1.20")]
    public async Task Request_NonLoopbackHostHeader_IsRefused(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Host = host;

        using var response = await library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Request_LoopbackHostHeader_IsServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Host = host;

        using var response = await library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://evil.example")]
    public async Task Post_FromAnotherSite_IsRefused(string? fetchSite, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/image") { Content = new ByteArrayContent([1, 2, 3]) };
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await library.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_StateChangingVerbs_AreNotMapped()
    {
        using var response = await library.Client.GetAsync("/api/search/image");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8642")]
    [InlineData("http://*:8642")]
    [InlineData("http://192.168.1.20:8642")]
    [InlineData("http://127.0.0.1:8642;http://[::]:8642")]
    public void Validate_RemoteWithoutAllowRemote_IsRefused(string urls)
    {
        var options = new WebServerOptions { Urls = urls };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("--allow-remote", error.Message);
    }

    [Fact]
    public void Validate_RemoteWithoutToken_GeneratesOne()
    {
        var options = new WebServerOptions { Urls = "http://0.0.0.0:0", AllowRemote = true };

        var validated = options.Validate();

        Assert.True(validated.Remote);
        Assert.True(validated.Token?.Length >= 32);
    }

    [Fact]
    public async Task Serve_RemoteWithoutAllowRemote_ExitsWithAUsageError()
    {
        var result = await Fixtures.Cli.RunAsync("serve", "--library", library.Temp.Library, "--urls", "http://0.0.0.0:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--allow-remote", result.Error);
    }

    [Fact]
    public async Task Remote_WithoutToken_Returns401()
    {
        var server = await library.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token });
        using var client = new HttpClient { BaseAddress = new Uri(LoopbackAddress(server)) };

        using var page = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/status");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        wrong.Headers.Authorization = new("Bearer", "not-the-token-at-all");
        using var wrongResponse = await client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
    }

    [Fact]
    public async Task Remote_BearerToken_IsServedFromAnyHostName()
    {
        var server = await library.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token });
        using var client = new HttpClient { BaseAddress = new Uri(LoopbackAddress(server)) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Authorization = new("Bearer", Token);
        request.Headers.Host = "photos.home.arpa";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Remote_TokenInLink_SetsAStrictHttpOnlyCookieAndDropsItFromTheAddress()
    {
        var server = await library.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token });
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(LoopbackAddress(server)) };

        using var first = await client.GetAsync($"/search?q=cat&token={Token}");
        using var then = await client.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/search?q=cat", first.Headers.Location?.ToString());
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, then.StatusCode);
    }

    private static string LoopbackAddress(WebServer server) =>
        new UriBuilder(server.Addresses[0]) { Host = "127.0.0.1" }.Uri.GetLeftPart(UriPartial.Authority);
}
