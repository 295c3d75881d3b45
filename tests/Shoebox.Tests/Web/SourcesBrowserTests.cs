using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// The Sources page in a real Chromium, on a library that starts empty: a folder added from the page is indexed by
/// the server, found by search, and forgotten again, with no command typed.
/// </summary>
[Tier(Tier.Browser)]
public class SourcesBrowserTests(ServedSources served, Chromium chromium) : IClassFixture<ServedSources>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 60_000 };

    // Every state a source row showed, however briefly: a small folder may be indexed between two looks.
    private const string RecordStates = """
        () => {
          window.seenStates = [];
          new MutationObserver(() => {
            for (const node of document.querySelectorAll('.source-state')) window.seenStates.push(node.textContent);
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    private Task<IPage> OpenAsync(string path) =>
        chromium.OpenAsync(served.BaseUrl.TrimEnd('/') + path, new ViewportSize { Width = 1280, Height = 800 });

    [Fact]
    public async Task SourcesPage_FolderAddedThenForgotten_IsIndexedFoundAndGoneAgain()
    {
        var folder = served.PhotoFolder("tulips", "tulip", 3);
        var page = await OpenAsync("/");
        await page.ClickAsync("a.top-link[href='/sources']");
        // The list is drawn from the first answer of /api/sources, after the form.
        await page.WaitForSelectorAsync("#sources .empty:has-text('No sources yet')", Visible);
        await page.EvaluateAsync(RecordStates);

        await page.FillAsync("#source-path", folder);
        await page.ClickAsync("#add-source");

        var row = page.Locator($".source[data-state='watching']:has(code:text-is('{folder}'))");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Contains("3 photos", await row.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Folder", await row.Locator(".badge").TextContentAsync());
        var seen = await page.EvaluateAsync<string[]>("() => window.seenStates");
        Assert.Contains(seen, s => s is "Waiting to scan" or "Scanning…");
        await chromium.ShotAsync(page, "sources");

        await page.FillAsync("#q", "tulip");
        await page.PressAsync("#q", "Enter");
        await page.WaitForSelectorAsync(".results .tile[title='tulip-1.jpg']", Visible);

        await page.ClickAsync("a.top-link[href='/sources']");
        var listed = page.Locator($".source:has(code:text-is('{folder}'))");
        await listed.Locator("button:text-is('Remove…')").ClickAsync();
        await listed.Locator("button:text-is('forget its photos')").ClickAsync();
        await page.WaitForSelectorAsync("#source-message:has-text('forgot 3 photos')", Visible);
        Assert.Equal(0, await page.Locator(".source").CountAsync());

        await page.FillAsync("#q", "tulip");
        await page.PressAsync("#q", "Enter");
        await page.WaitForSelectorAsync(".results-title h2:text-is('tulip')", Visible);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await page.Locator(".tile[title^='tulip']").CountAsync());
        Assert.True(File.Exists(Path.Combine(folder, "tulip-0.jpg")));
        Assert.Empty(chromium.ErrorsOf(page));
    }

    [Fact]
    public async Task SourcesPage_PathThatDoesNotExist_SaysSoAndAddsNothing()
    {
        var page = await OpenAsync("/sources");
        await page.WaitForSelectorAsync("#source-path", Visible);

        await page.FillAsync("#source-path", served.Temp["no-such-folder"]);
        await page.ClickAsync("#add-source");

        await page.WaitForSelectorAsync("#source-message:has-text('does not exist')", Visible);
        Assert.Equal($"{served.Temp["no-such-folder"]} does not exist.", await page.TextContentAsync("#source-message"));
        Assert.Equal(served.Temp["no-such-folder"], await page.InputValueAsync("#source-path"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder, "sources-bad-path.png") });
    }

    [Fact]
    public async Task SourcesPage_FolderChosenWithBrowse_FillsThePathFieldAndAddsNothing()
    {
        var folder = served.PhotoFolder("browsed/autumn", "leaf", 1);
        var page = await OpenAsync("/sources");
        await page.WaitForSelectorAsync("#source-path", Visible);
        await page.FillAsync("#source-path", served.Temp["browsed"]);
        var posted = Chromium.PostsOf(page);

        await page.ClickAsync("#browse-folders");
        await page.ClickAsync(".folder-dialog .fb-open[title$='/autumn']");
        await page.WaitForSelectorAsync($".folder-dialog .fb-here:text-is('{folder}')", Visible);
        await page.ClickAsync(".folder-dialog .fb-choose");

        await page.WaitForSelectorAsync(".folder-dialog", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(folder, await page.InputValueAsync("#source-path"));
        Assert.Empty(posted);
    }
}
