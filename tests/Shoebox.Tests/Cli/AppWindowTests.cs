using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Shoebox.Cli;
using Shoebox.Cli.Commands;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>How `shoebox app` finds a browser for its window, starts it, picks its port and claims its library.</summary>
[Tier(Tier.Unit)]
public sealed class AppWindowTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Arguments_UrlAndProfileWithSpaces_AreWholeArgumentsOfAnAppWindowOnItsOwnProfile()
    {
        var arguments = AppWindow.Arguments("http://127.0.0.1:8642/", "/home/a user/Shoebox library/app-window");

        Assert.Equal(
            ["--app=http://127.0.0.1:8642/", "--user-data-dir=/home/a user/Shoebox library/app-window", "--no-first-run", "--no-default-browser-check", "--class=Shoebox"],
            arguments);
    }

    [Fact]
    public void Candidates_BrowserVariableSet_ComesFirst()
    {
        var candidates = AppWindow.Candidates(OSPlatform.Linux, Variables(("SHOEBOX_BROWSER", "/opt/my/chrome"), ("PATH", "/usr/bin")));

        Assert.Equal("/opt/my/chrome", candidates.First());
    }

    [Fact]
    public void Candidates_Linux_AreTheChromiumFamilyNamesInEveryPathFolder()
    {
        var candidates = AppWindow.Candidates(OSPlatform.Linux, Variables(("PATH", "/usr/local/bin:/usr/bin"))).ToList();

        Assert.Equal(["/usr/local/bin/google-chrome", "/usr/bin/google-chrome"], candidates.Take(2));
        Assert.Contains("/usr/bin/chromium", candidates);
        Assert.Contains("/usr/local/bin/microsoft-edge", candidates);
    }

    [Fact]
    public void Candidates_MacOS_AreTheAppBundlesInBothApplicationsFolders()
    {
        var candidates = AppWindow.Candidates(OSPlatform.OSX, Variables(("HOME", "/Users/ann"))).ToList();

        Assert.Equal("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", candidates[0]);
        Assert.Contains("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge", candidates);
        Assert.Contains("/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium", candidates);
    }

    [Fact]
    public void Candidates_Windows_AreChromeAndEdgeUnderTheProgramFolders()
    {
        var candidates = AppWindow.Candidates(OSPlatform.Windows, Variables(("ProgramFiles", @"C:\Program Files"), ("ProgramFiles(x86)", @"C:\Program Files (x86)"))).ToList();

        Assert.Equal(@"C:\Program Files\Google\Chrome\Application\chrome.exe", candidates[0]);
        Assert.Contains(@"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe", candidates);
    }

    [Fact]
    public void ChooseUrls_PreviousPortFree_IsUsedAgain()
    {
        var port = FreePort();

        Assert.Equal($"http://127.0.0.1:{port}", AppCommand.ChooseUrls($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public void ChooseUrls_PreviousPortTaken_IsNotUsed()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        Assert.NotEqual($"http://127.0.0.1:{port}", AppCommand.ChooseUrls($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task ClaimAsync_StateFileOfALiveProcessThatHoldsNoLock_IsIgnored()
    {
        using (var earlier = (await AppInstance.ClaimAsync(_temp.Path, TimeSpan.Zero, CancellationToken.None)).Mine!)
        {
            earlier.Publish("http://127.0.0.1:1234/");
            // The state file stays, as if its server had been killed; this process, which wrote it, still runs.
            File.Copy(_temp[AppInstance.StateName], _temp["kept"]);
        }
        File.Move(_temp["kept"], _temp[AppInstance.StateName]);

        var claim = await AppInstance.ClaimAsync(_temp.Path, TimeSpan.Zero, CancellationToken.None);

        using var mine = claim.Mine;
        Assert.NotNull(mine);
        Assert.Null(claim.Running);
        Assert.Equal("http://127.0.0.1:1234/", mine.Previous?.Url);
    }

    [Fact]
    public async Task ClaimAsync_WhileAServerHoldsTheLibrary_ReturnsWhereItServes()
    {
        using var server = (await AppInstance.ClaimAsync(_temp.Path, TimeSpan.Zero, CancellationToken.None)).Mine!;
        server.Publish("http://127.0.0.1:4321/");

        var claim = await AppInstance.ClaimAsync(_temp.Path, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Null(claim.Mine);
        Assert.Equal("http://127.0.0.1:4321/", claim.Running?.Url);
        Assert.Equal(Environment.ProcessId, claim.Running?.ProcessId);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
