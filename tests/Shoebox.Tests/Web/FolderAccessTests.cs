using System.Net;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>
/// Who may look through the machine's folders, over real HTTP: a client on loopback, or a remote one when the server
/// was started for remote access with its token; a remote client otherwise gets 403, whatever it sends.
/// </summary>
[Tier(Tier.EndToEnd)]
public class FolderAccessTests(ServedLibrary library, FakeHome home) : IClassFixture<ServedLibrary>, IClassFixture<FakeHome>
{
    private const string Token = "a-long-enough-test-token";

    public static TheoryData<string> Addresses => ["/api/folders", "/api/libraries/found", "/api/welcome"];

    private static Uri At(WebServer server, string host) =>
        new(new UriBuilder(server.Addresses[0]) { Host = host }.Uri.GetLeftPart(UriPartial.Authority));

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string url, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Get_LoopbackClient_IsServed(string url)
    {
        var server = await library.StartAsync(o => o with { Home = home.Path });
        using var client = new HttpClient { BaseAddress = At(server, "127.0.0.1") };

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, url));
    }

    [OtherAddressFact]
    public async Task Get_RemoteClientOfALoopbackServer_Returns403()
    {
        var server = await library.StartAsync(o => o with { Home = home.Path });
        using var client = OtherAddress.Client(At(server, "127.0.0.1"));

        foreach (var url in Addresses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(client, url));
        }
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/api/status"));
    }

    [OtherAddressFact]
    public async Task Get_RemoteClientWithTheTokenOfALoopbackServer_Returns403()
    {
        var server = await library.StartAsync(o => o with { Home = home.Path, Token = Token });
        using var client = OtherAddress.Client(At(server, "127.0.0.1"));

        foreach (var url in Addresses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(client, url, Token));
        }
    }

    [OtherAddressFact]
    public async Task Get_RemoteClientWithTheTokenOfARemoteServer_IsServed()
    {
        using var client = await RemoteClientOfARemoteServerAsync();

        foreach (var url in Addresses)
        {
            Assert.Equal(HttpStatusCode.OK, await GetAsync(client, url, Token));
        }
    }

    [OtherAddressFact]
    public async Task Get_RemoteClientWithoutTheTokenOfARemoteServer_Returns401()
    {
        using var client = await RemoteClientOfARemoteServerAsync();

        foreach (var url in Addresses)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(client, url));
        }
    }

    // Started as `serve --allow-remote --urls http://0.0.0.0:PORT` with a token, reached at the machine's own address.
    private async Task<HttpClient> RemoteClientOfARemoteServerAsync()
    {
        var server = await library.StartAsync(o => o with { Home = home.Path, Urls = "http://0.0.0.0:0", AllowRemote = true, Token = Token });
        return OtherAddress.Client(At(server, OtherAddress.Find()!.ToString()));
    }
}
