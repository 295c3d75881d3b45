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
    public async Task Serve_WeakTokenFile_ExitsWithAUsageErrorSayingHowToMakeOne()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["token"], "passwordpassword\n");

        var result = await Fixtures.Cli.RunAsync("serve", "--library", library.Temp.Library, "--urls", "http://0.0.0.0:0", "--allow-remote", "--token-file", temp["token"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--token-file {temp["token"]}: the access token is too easy to guess", result.Error, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 24", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WeakTokenInTheEnvironment_ExitsWithAUsageError()
    {
        var info = Fixtures.Cli.StartInfo(["serve", "--library", library.Temp.Library, "--urls", "http://0.0.0.0:0", "--allow-remote"]);
        info.Environment["SHOEBOX_TOKEN"] = "1234567890123456";
        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            // A serve that took the token would run on: it must not outlive the test.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("SHOEBOX_TOKEN: the access token is too easy to guess", await error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_TokenAndTokenFile_ExitsWithAUsageError()
    {
        var result = await Fixtures.Cli.RunAsync("serve", "--library", library.Temp.Library, "--token", Token, "--token-file", "/nonexistent");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not both", result.Error, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("passwordpassword")]
    [InlineData("1234567890123456")]
    [InlineData("short")]
    public void Validate_WeakToken_IsRefusedSayingHowToMakeOne(string token)
    {
        var options = new WebServerOptions { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = token, TokenOrigin = "SHOEBOX_TOKEN" };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.StartsWith("SHOEBOX_TOKEN:", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokensLikeTheGeneratedOnes_AreStrongEnough()
    {
        for (var i = 0; i < 200; i++)
        {
            var generated = new WebServerOptions { Urls = "http://0.0.0.0:0", AllowRemote = true }.Validate().Token;

            new WebServerOptions { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = generated }.Validate();
        }
    }

    [Theory]
    [InlineData("//evil.example/photos?token=" + Token, "/evil.example/photos")]
    [InlineData("///evil.example?token=" + Token, "/evil.example")]
    public async Task Remote_TokenLinkWithAnotherHostInItsPath_RedirectsOnThisServer(string link, string expected)
    {
        var server = await library.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token });
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync(new Uri(LoopbackAddress(server) + link));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Remote_ManyDifferentWrongTokens_AreMadeToWaitAndLoggedWithoutThem()
    {
        var clock = new ManualClock();
        var log = new CollectedLog();
        var server = await library.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token, Clock = clock }, log);
        using var client = new HttpClient { BaseAddress = new Uri(LoopbackAddress(server)) };
        async Task<HttpResponseMessage> WithAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            request.Headers.Authorization = new("Bearer", token);
            return await client.SendAsync(request);
        }

        var free = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var guess = await WithAsync($"guess-number-{i}-of-many");
            free.Add(guess.StatusCode);
        }
        using var sixth = await WithAsync("guess-number-6-of-many");
        using var rightButWaiting = await WithAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(2));
        using var rightAfterWaiting = await WithAsync(Token);

        Assert.All(free, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), sixth.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButWaiting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightAfterWaiting.StatusCode);
        Assert.Equal(6, log.Lines.Count(l => l.StartsWith("Warning 30: Wrong access token from 127.0.0.1", StringComparison.Ordinal)));
        Assert.DoesNotContain("guess-number", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_TheSameStaleCookieAgainAndAgain_IsNotTakenForGuessing()
    {
        var server = await library.StartAsync(o => o with { Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token });
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(LoopbackAddress(server)) };

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", "shoebox_token=the-token-before-a-restart");
            answers.Add(await client.SendAsync(request));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Contains("shoebox_token=;", Assert.Single(answers[0].Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        answers.ForEach(a => a.Dispose());
    }

    private static string LoopbackAddress(WebServer server) =>
        new UriBuilder(server.Addresses[0]) { Host = "127.0.0.1" }.Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>A clock that moves only when told, so waiting is tested without waiting.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
