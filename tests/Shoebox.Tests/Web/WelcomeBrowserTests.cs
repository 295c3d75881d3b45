using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// The first run in a real Chromium: an empty library opens on the welcome page, with the libraries of a made-up
/// home as cards and the folder browser. This server does not index, so nothing is ever added: crawling for real, from
/// the welcome to a search, is <see cref="FirstCrawlBrowserTests"/>.
/// </summary>
[Tier(Tier.Browser)]
public class WelcomeBrowserTests(ServedFirstRun first, Chromium chromium) : IClassFixture<ServedFirstRun>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    private FakeHome Home => first.Home;

    private Task<IPage> OpenAsync(string path = "/", int width = 1280, int height = 900, Func<IPage, Task>? prepare = null) =>
        chromium.OpenAsync(first.BaseUrl.TrimEnd('/') + path, new ViewportSize { Width = width, Height = height }, prepare: prepare);

    private async Task<int> SourceCountAsync() => (await first.Library.GetJsonAsync("/api/sources")).GetProperty("sources").GetArrayLength();

    private static async Task<List<string>> FolderNamesAsync(IPage page) =>
        [.. await page.Locator(".folder-browser .fb-name").AllTextContentsAsync()];

    private static async Task WaitForFolderAsync(IPage page, string name) =>
        await page.WaitForSelectorAsync($".folder-browser .fb-name:text-is('{name}')", Visible);

    [Fact]
    public async Task Home_ModelDownloadFailed_ShowsWhichFilesToFetchByHand()
    {
        const string Error = "clip-vit-b32 cannot be reached. Download these files and put them here: http://hub/onnx/vision_model.onnx -> /models/clip-vit-b32/onnx/vision_model.onnx";
        // The server's own answers, with the download a first run's server would report once the hub failed it.
        var page = await OpenAsync(prepare: async page =>
        {
            await page.RouteAsync("**/api/welcome", route => WithDownloadAsync(route, json => json["model"]!["download"] = Failed(Error)));
            await page.RouteAsync("**/api/status", route => WithDownloadAsync(route, json => json["modelDownload"] = Failed(Error)));
        });

        await page.WaitForSelectorAsync(".model-download-error", Visible);

        Assert.Equal(Error, await page.TextContentAsync(".model-download-error"));
        Assert.Contains("could not be downloaded", await page.TextContentAsync(".model-download"), StringComparison.Ordinal);
        Assert.Equal("Model not downloaded", await page.TextContentAsync("#indexing"));
    }

    private static System.Text.Json.Nodes.JsonObject Failed(string error) => new() { ["state"] = "failed", ["done"] = 0, ["total"] = 1000, ["error"] = error };

    private static async Task WithDownloadAsync(IRoute route, Action<System.Text.Json.Nodes.JsonNode> change)
    {
        var response = await route.FetchAsync();
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
        change(json);
        await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = json.ToJsonString() });
    }

    [Fact]
    public async Task Home_EmptyLibrary_ShowsTheWelcomeWithTheFoundLibrariesAsCards()
    {
        var page = await OpenAsync();

        await page.WaitForSelectorAsync(".found-card", Visible);
        await page.WaitForSelectorAsync(".welcome-facts code", Visible);

        var kinds = await page.Locator(".found-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.kind)");
        Assert.Equal(["apple-photos", "lightroom", "capture-one", "takeout", "takeout", "folder"], kinds);
        Assert.Equal(["Photos Library.photoslibrary", "Lightroom Catalog.lrcat", "Trips.cocatalog", "Takeout", Path.GetFileName(FakeHome.TakeoutArchive), "Pictures"],
            await page.Locator(".found-card h3").AllTextContentsAsync());
        Assert.Equal("~/Pictures/Lightroom/Lightroom Catalog.lrcat", await page.Locator(".found-card[data-kind='lightroom'] .found-path").TextContentAsync());
        Assert.Equal("3 photos", await page.Locator(".found-card[data-kind='folder'] .found-facts").TextContentAsync());
        var facts = await page.TextContentAsync(".welcome-facts");
        Assert.Contains("Everything stays on this computer", facts, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(first.Library.Temp.Library), facts, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".results .tile").CountAsync());
        await chromium.ShotAsync(page, "welcome", fullPage: true);
    }

    [Fact]
    public async Task Home_EmptyLibraryOnAPhone_FitsTheScreenWidth()
    {
        var page = await OpenAsync(width: 390, height: 844);

        await page.WaitForSelectorAsync(".found-card", Visible);
        await WaitForFolderAsync(page, "Pictures");

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await chromium.ShotAsync(page, "welcome-phone", fullPage: true);
    }

    [Fact]
    public async Task Welcome_CrawlThisOnAServerThatDoesNotIndex_SaysWhyAndLetsItBeTriedAgain()
    {
        var page = await OpenAsync();
        await page.WaitForSelectorAsync(".found-card", Visible);

        await page.ClickAsync(".found-card[data-kind='lightroom'] button");

        await page.WaitForSelectorAsync(".welcome-status:has-text('This server does not index')", Visible);
        Assert.False(await page.Locator(".found-card[data-kind='lightroom'] button").IsDisabledAsync());
        Assert.Equal(0, await SourceCountAsync());
    }

    [Fact]
    public async Task FolderBrowser_Opened_ShowsTheHomeFoldersNeverFilesAndGoesDownAndUp()
    {
        var page = await OpenAsync();
        await WaitForFolderAsync(page, "Pictures");
        Assert.Equal(["Documents", "Downloads", "Pictures"], await FolderNamesAsync(page));
        Assert.Equal(Home.Path, await page.InputValueAsync(".fb-field"));

        await page.ClickAsync(".fb-open[title$='/Pictures']");
        await WaitForFolderAsync(page, "Holiday");
        Assert.Equal(["Holiday", "Lightroom", "Photos Library.photoslibrary", "Trips.cocatalog"], await FolderNamesAsync(page));
        var listed = await page.TextContentAsync(".fb-list");
        Assert.DoesNotContain("beach.jpg", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.txt", listed, StringComparison.Ordinal);
        Assert.Equal("Lightroom catalog inside", await page.Locator(".fb-folder:has(.fb-name:text-is('Lightroom')) .badge").TextContentAsync());
        Assert.Equal("Pictures", await page.Locator(".fb-crumb").Last.TextContentAsync());
        await chromium.ShotAsync(page, "folder-browser");

        await page.ClickAsync(".fb-up");
        await WaitForFolderAsync(page, "Documents");
        Assert.Equal(["Documents", "Downloads", "Pictures"], await FolderNamesAsync(page));
        Assert.Equal(Home.Path, await page.InputValueAsync(".fb-field"));
    }

    [Fact]
    public async Task FolderBrowser_ShowHidden_ListsHiddenFoldersOnlyWhileTicked()
    {
        var page = await OpenAsync();
        await WaitForFolderAsync(page, "Pictures");
        Assert.DoesNotContain(".cache", await FolderNamesAsync(page));

        await page.CheckAsync(".fb-hidden-toggle");
        await WaitForFolderAsync(page, ".cache");
        Assert.Equal([".cache", "Documents", "Downloads", "Pictures"], await FolderNamesAsync(page));

        await page.UncheckAsync(".fb-hidden-toggle");
        await page.WaitForSelectorAsync(".folder-browser .fb-name:text-is('.cache')", new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        Assert.Equal(["Documents", "Downloads", "Pictures"], await FolderNamesAsync(page));
    }

    [Fact]
    public async Task FolderBrowser_BadPathTyped_SaysWhyAndKeepsTheFolderShown()
    {
        var page = await OpenAsync();
        await WaitForFolderAsync(page, "Pictures");

        await page.FillAsync(".fb-field", "Pictures");
        await page.PressAsync(".fb-field", "Enter");

        await page.WaitForSelectorAsync(".fb-error:has-text('is not a full path')", Visible);
        Assert.Equal(["Documents", "Downloads", "Pictures"], await FolderNamesAsync(page));
    }

    [Fact]
    public async Task ChooseFolder_FromAnotherPage_OpensTheBrowserInADialogAndAnswersThePath()
    {
        var page = await OpenAsync("/duplicates");
        await page.WaitForSelectorAsync(".intro h1", Visible);
        var posted = Chromium.PostsOf(page);

        await page.EvaluateAsync("async () => { const { chooseFolder } = await import('/js/folder-browser.js'); window.chosen = chooseFolder({ title: 'Add a folder' }); }");
        await page.WaitForSelectorAsync(".folder-dialog .fb-name:text-is('Documents')", Visible);
        await page.ClickAsync(".folder-dialog .fb-open[title$='/Documents']");
        await page.WaitForSelectorAsync(".folder-dialog .fb-name:text-is('Taxes')", Visible);
        await page.ClickAsync(".folder-dialog .fb-choose");

        Assert.Equal(Home["Documents"], await page.EvaluateAsync<string>("() => window.chosen"));
        Assert.Equal(0, await page.Locator(".folder-dialog").CountAsync());
        Assert.Empty(posted);
    }
}
