using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>
/// `shoebox app` as a person starts it, in real processes: one server per library, found again by a second start, a
/// state file left by a killed server ignored, and the server kept for as long as its window is open. The window's
/// browser is a stand-in script (SHOEBOX_BROWSER) that writes down how it was started and stays until told to close.
/// </summary>
[Tier(Tier.EndToEnd)]
public sealed class AppCommandTests
{
    [Fact]
    public async Task App_SecondStartForTheSameLibrary_ReusesTheRunningServerAndEnds()
    {
        using var temp = new TempFolder();
        var first = StartApp(temp, "--no-window");
        try
        {
            var url = await first.UrlAsync();

            var second = await Fixtures.Cli.RunProcessAsync(["app", "--no-window", "--library", temp.Library]);

            Assert.True(second.ExitCode == 0, second.Error);
            Assert.Contains($"already serving {temp.Library} at {url} (process {first.Id})", second.Out, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
            Assert.Equal(JsonValueKind.Object, status.ValueKind);
            Assert.True(File.Exists(Path.Combine(temp.Library, "catalog.db")), "a first start creates the library it serves");
        }
        finally
        {
            first.Kill();
        }
    }

    [Fact]
    public async Task App_StateFileLeftByAKilledServer_IsIgnoredAndANewServerStarts()
    {
        using var temp = new TempFolder();
        var killed = StartApp(temp, "--no-window");
        var killedUrl = await killed.UrlAsync();
        killed.Kill();
        await killed.FinishAsync();
        var left = File.ReadAllText(Path.Combine(temp.Library, AppInstance.StateName));
        Assert.Contains(killedUrl, left, StringComparison.Ordinal);

        var next = StartApp(temp, "--no-window");
        try
        {
            var url = await next.UrlAsync();
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(JsonValueKind.Object, (await client.GetFromJsonAsync<JsonElement>("/api/status")).ValueKind);
            var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Library, AppInstance.StateName))).RootElement;
            Assert.Equal(next.Id, state.GetProperty("processId").GetInt32());
            Assert.Equal(url, state.GetProperty("url").GetString());
        }
        finally
        {
            next.Kill();
        }
    }

    [Fact]
    public async Task App_WithAWindow_ServesUntilTheWindowClosesAndASecondStartOpensAnotherWindowOnIt()
    {
        using var temp = new TempFolder();
        var browser = StandInBrowser(temp);
        var app = StartApp(temp, browser);
        var url = await app.UrlAsync();
        var profile = Path.Combine(temp.Library, AppWindow.ProfileFolderName);
        Assert.Equal(AppWindow.Arguments(url, profile), await WindowArgumentsAsync(temp, "window-1"));

        var (secondExit, secondError) = await ShoeboxProcess.Start(["app", "--library", temp.Library], BrowserEnvironment(browser)).FinishAsync();
        Assert.True(secondExit == 0, secondError);
        Assert.Equal(AppWindow.Arguments(url, profile), await WindowArgumentsAsync(temp, "window-2"));

        File.WriteAllText(temp["close"], "");
        var (exitCode, error) = await app.FinishAsync();
        Assert.True(exitCode == 0, error);
        Assert.False(File.Exists(Path.Combine(temp.Library, AppInstance.StateName)), "a server that stopped says so by removing its state file");
    }

    [Fact]
    public async Task App_ModelNotInstalledAndHubUnreachable_ServesAtOnceAndStatusSaysWhichFilesToFetchByHand()
    {
        using var temp = new TempFolder();
        // Downloads on, into an empty store; the hub is the unreachable one every test process is given.
        var app = ShoeboxProcess.Start(["app", "--no-window", "--library", temp.Library, "--urls", "http://127.0.0.1:0", "--no-watch"],
            new Dictionary<string, string> { ["SHOEBOX_OFFLINE"] = "0", ["SHOEBOX_MODELS"] = temp["models"] });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await app.UrlAsync()) };
            var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (status.GetProperty("modelDownload").GetProperty("state").GetString() == "running" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                status = await client.GetFromJsonAsync<JsonElement>("/api/status");
            }

            var download = status.GetProperty("modelDownload");
            Assert.Equal("failed", download.GetProperty("state").GetString());
            Assert.Contains("/resolve/main/onnx/vision_model.onnx", download.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains(temp["models"], download.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(status.GetProperty("canSearchByText").GetBoolean());
        }
        finally
        {
            app.Kill();
        }
    }

    private static ShoeboxProcess StartApp(TempFolder temp, string option) => option == "--no-window"
        // Port 0: tests running side by side must not meet on the app's usual port.
        ? ShoeboxProcess.Start(["app", "--no-window", "--library", temp.Library, "--urls", "http://127.0.0.1:0", "--no-watch"])
        : ShoeboxProcess.Start(["app", "--library", temp.Library, "--urls", "http://127.0.0.1:0", "--no-watch"], BrowserEnvironment(option));

    private static Dictionary<string, string> BrowserEnvironment(string browser) => new() { [AppWindow.BrowserVariable] = browser };

    // Each start writes its arguments to the next window-N file, then waits for the file "close".
    private static string StandInBrowser(TempFolder temp)
    {
        var script = temp["browser.sh"];
        File.WriteAllText(script, $$"""
            #!/bin/sh
            n=1
            while [ -e '{{temp.Path}}/window-'$n ]; do n=$((n + 1)); done
            printf '%s\n' "$@" > '{{temp.Path}}/window-'$n.partial
            mv '{{temp.Path}}/window-'$n.partial '{{temp.Path}}/window-'$n
            while [ ! -e '{{temp.Path}}/close' ]; do sleep 0.1; done
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static async Task<string[]> WindowArgumentsAsync(TempFolder temp, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!File.Exists(temp[name]) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return File.ReadAllLines(temp[name]);
    }
}
