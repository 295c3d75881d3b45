using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// The whole first run in a real Chromium, with nothing stubbed and no command typed: a person who has only started the
/// app crawls a photo library found in their home and a folder chosen in the folder browser, watches the crawl in the
/// header, sees both on the Sources page, and searches them.
/// </summary>
[Tier(Tier.Browser)]
public class FirstCrawlBrowserTests(ServedFirstCrawl served, Chromium chromium) : IClassFixture<ServedFirstCrawl>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 60_000 };

    [Fact]
    public async Task FirstRun_LibraryCardAndChosenFolderCrawled_AreWatchedOnTheSourcesPageAndFound()
    {
        var takeout = served.Home[FakeHome.TakeoutFolder];
        try
        {
            var page = await chromium.OpenAsync(served.BaseUrl, new ViewportSize { Width = 1280, Height = 900 });
            await page.WaitForSelectorAsync(".found-card", Visible);

            var card = page.Locator(".found-card:has(h3:text-is('Takeout'))");
            Assert.Equal(takeout, await card.Locator("h3").GetAttributeAsync("title"));
            await card.Locator("button").ClickAsync();
            await page.WaitForSelectorAsync($".welcome-status:has-text('Crawling {takeout}.')", Visible);

            // The crawl is held at its embedding stage: the header shows it running, from the welcome page.
            await page.WaitForSelectorAsync("#indexing", Visible);
            Assert.StartsWith("Indexing", await page.TextContentAsync("#indexing"), StringComparison.Ordinal);
            Assert.True(await page.IsVisibleAsync("#progress"));
            await chromium.ShotAsync(page, "first-crawl");

            await page.ClickAsync(".folder-browser .fb-open[title$='/Pictures']");
            await page.ClickAsync(".folder-browser .fb-open[title$='/Holiday']");
            await page.WaitForSelectorAsync($".folder-browser .fb-here:text-is('{served.Holiday}')", Visible);
            await page.ClickAsync(".folder-browser .fb-choose");
            await page.WaitForSelectorAsync($".welcome-status:has-text('Crawling {served.Holiday}.')", Visible);
            served.Encoder.Release();

            await page.ClickAsync("a.top-link[href='/sources']");
            var library = page.Locator($".source[data-state='watching']:has(code:text-is('{takeout}'))");
            var folder = page.Locator($".source[data-state='watching']:has(code:text-is('{served.Holiday}'))");
            await library.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await folder.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.Equal("Google Takeout", await library.Locator(".badge").TextContentAsync());
            Assert.Contains("1 photo ·", await library.TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("Folder", await folder.Locator(".badge").TextContentAsync());
            Assert.Contains("3 photos ·", await folder.TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal(2, await page.Locator(".source").CountAsync());
            await chromium.ShotAsync(page, "first-crawl-sources");

            await page.FillAsync("#q", "harbour");
            await page.PressAsync("#q", "Enter");
            await page.WaitForSelectorAsync(".results .tile[title='harbour.jpg']", Visible);
            await page.WaitForSelectorAsync(".results .tile[title='harbour-walk-0.jpg']", Visible);
            await page.WaitForSelectorAsync(".results .tile[title='harbour-walk-1.jpg']", Visible);
            Assert.Empty(chromium.ErrorsOf(page));
        }
        finally
        {
            served.Encoder.Release();
        }
    }
}
