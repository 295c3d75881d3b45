using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>The web app in a real Chromium: what a user does, with screenshots saved under screenshots/.</summary>
[Tier(Tier.Browser)]
public class BrowserTests(ServedLibrary library, Chromium chromium) : IClassFixture<ServedLibrary>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    private Task<IPage> OpenAsync(string path = "/", ViewportSize? viewport = null, ColorScheme scheme = ColorScheme.Light) =>
        chromium.OpenAsync(library.BaseUrl.TrimEnd('/') + path, viewport ?? new ViewportSize { Width = 1280, Height = 800 }, scheme);

    // No script errors, no resource refused by the content security policy.
    private Task ShotAsync(IPage page, string name) => chromium.ShotAsync(page, name);

    [Fact]
    public async Task Home_Opened_ShowsTheRandomWall()
    {
        var page = await OpenAsync();

        await page.WaitForSelectorAsync(".tile.loaded", Visible);

        Assert.Equal(ServedLibrary.Names.Length, await page.Locator(".tile").CountAsync());
        await ShotAsync(page, "home");
    }

    [Fact]
    public async Task Search_Typed_ShowsResultsAndOpensAPhotoWithItsMetadata()
    {
        var page = await OpenAsync();
        await page.FillAsync("#q", "sunset");
        await page.PressAsync("#q", "Enter");

        await page.WaitForSelectorAsync(".results .tile.loaded", Visible);
        Assert.Contains("/search?q=sunset", page.Url);
        Assert.Equal("sunset", await page.TextContentAsync(".results-title h2"));
        await ShotAsync(page, "results");

        await page.Locator(".tile[title='sunset-beach.jpg']").ClickAsync();
        await page.WaitForSelectorAsync(".info h1", Visible);
        Assert.Matches(@"/photo/\d+$", page.Url);
        Assert.Equal("sunset-beach.jpg", await page.TextContentAsync(".info h1"));
        var facts = await page.TextContentAsync(".facts");
        Assert.Contains("96 × 64", facts);
        Assert.Contains("JPEG", facts);
        Assert.Contains(library.Temp["photos/sunset-beach.jpg"], await page.TextContentAsync(".locations"));
        await page.WaitForSelectorAsync(".preview.loaded", Visible);
        await ShotAsync(page, "photo");
    }

    [Fact]
    public async Task Photo_MoreLikeThis_ShowsSimilarPhotos()
    {
        var id = await library.IdOfAsync("red-car.jpg");
        var page = await OpenAsync($"/photo/{id}");
        await page.WaitForSelectorAsync(".similar .tile", Visible);

        await page.ClickAsync("#more-like-this");

        await page.WaitForSelectorAsync(".results .tile", Visible);
        Assert.Contains($"/search?like={id}", page.Url);
        Assert.Equal("More like this", await page.TextContentAsync(".results-title h2"));
        Assert.True(await page.Locator(".results .tile").CountAsync() >= ServedLibrary.Names.Length - 1);
    }

    [Fact]
    public async Task Photo_TagAddedAndRemoved_StaysAsTheUserLeftIt()
    {
        var id = await library.IdOfAsync("mountain.jpg");
        var page = await OpenAsync($"/photo/{id}");
        await page.WaitForSelectorAsync(".add-tag input", Visible);

        await page.FillAsync(".add-tag input", "Weekend  walk");
        await page.PressAsync(".add-tag input", "Enter");
        await page.WaitForSelectorAsync(".tag:has-text('Weekend walk')", Visible);
        Assert.Equal("", await page.InputValueAsync(".add-tag input"));
        await ShotAsync(page, "photo-tags");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".tag:has-text('Weekend walk')", Visible);
        await page.ClickAsync("button[aria-label='Remove tag Weekend walk']");
        await page.WaitForSelectorAsync(".tag:has-text('Weekend walk')", new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });

        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".add-tag input", Visible);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await page.Locator(".tag:has-text('Weekend walk')").CountAsync());
        Assert.Empty(chromium.ErrorsOf(page));
    }

    [Fact]
    public async Task Photo_TagWithASlashRemoved_StaysOff()
    {
        var id = await library.IdOfAsync("birthday-cake.jpg");
        var page = await OpenAsync($"/photo/{id}");
        await page.WaitForSelectorAsync(".add-tag input", Visible);
        await page.FillAsync(".add-tag input", "Trips/2019");
        await page.PressAsync(".add-tag input", "Enter");
        await page.WaitForSelectorAsync(".tag:has-text('Trips/2019')", Visible);

        await page.ClickAsync("button[aria-label='Remove tag Trips/2019']");
        await page.WaitForSelectorAsync(".tag:has-text('Trips/2019')", new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".add-tag input", Visible);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(0, await page.Locator(".tag:has-text('Trips/2019')").CountAsync());
        Assert.Empty(chromium.ErrorsOf(page));
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task Help_Opened_FitsTheWindowAndAClickedExampleRuns(int width, int height)
    {
        var page = await OpenAsync("/", new ViewportSize { Width = width, Height = height });
        await page.WaitForSelectorAsync(".tile", Visible);

        await page.ClickAsync("#help-button");
        await page.WaitForSelectorAsync(".help-card .example-query", Visible);
        var fits = await page.EvaluateAsync<bool>("""
            () => { const card = document.querySelector('.help-card').getBoundingClientRect();
                    return card.bottom <= innerHeight && card.right <= innerWidth && document.documentElement.scrollWidth <= innerWidth; }
            """);
        var last = page.Locator(".help-together .example-query");
        await last.ScrollIntoViewIfNeededAsync();
        var lastSeen = await last.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }");
        await ShotAsync(page, $"help-{width}");
        await page.ClickAsync(".example-query:text-is('sort:newest')");
        await page.WaitForSelectorAsync(".results .tile", Visible);

        Assert.True(fits, "the help reaches past the window");
        Assert.True(lastSeen, "the end of the help cannot be scrolled to");
        Assert.Contains("/search?q=sort%3Anewest", page.Url, StringComparison.Ordinal);
        Assert.Equal("sort:newest", await page.TextContentAsync(".results-title h2"));
        Assert.True(await page.Locator("#help").IsHiddenAsync());
    }

    [Fact]
    public async Task Photo_TagChip_SearchesForItsTag()
    {
        var id = await library.IdOfAsync("red-car.jpg");
        var page = await OpenAsync($"/photo/{id}");
        await page.WaitForSelectorAsync(".add-tag input", Visible);
        await page.FillAsync(".add-tag input", "road trip");
        await page.PressAsync(".add-tag input", "Enter");

        await page.ClickAsync(".tag a:has-text('road trip')");

        await page.WaitForSelectorAsync(".results .tile", Visible);
        Assert.Equal(1, await page.Locator(".results .tile").CountAsync());
        Assert.Equal("red-car.jpg", await page.Locator(".results .tile").GetAttributeAsync("title"));
    }

    [Fact]
    public async Task Upload_ChosenFile_ShowsPhotosLikeIt()
    {
        using var temp = new TempFolder();
        var image = TestImages.Jpeg(temp["query.jpg"], 120, 80);
        var page = await OpenAsync();
        await page.WaitForSelectorAsync(".tile", Visible);

        await page.SetInputFilesAsync("#file", image);

        await page.WaitForURLAsync(url => url.Contains("like=upload", StringComparison.Ordinal));
        await page.WaitForSelectorAsync(".results-title .example", Visible);
        Assert.Equal("Like your image", await page.TextContentAsync(".results-title h2"));
        Assert.Equal(ServedLibrary.Names.Length, await page.Locator(".results .tile").CountAsync());
    }

    [Fact]
    public async Task Keyboard_SlashArrowsEnterEscape_NavigateWithoutTheMouse()
    {
        var page = await OpenAsync("/search?q=");
        await page.WaitForSelectorAsync(".results .tile", Visible);

        await page.Keyboard.PressAsync("/");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("1", await page.EvaluateAsync<string>("document.activeElement.dataset.index"));
        var second = await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".info h1", Visible);
        Assert.EndsWith(second, page.Url);

        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForURLAsync(url => !url.EndsWith(second, StringComparison.Ordinal));
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForURLAsync(url => url.EndsWith(second, StringComparison.Ordinal));

        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync(".results .tile", Visible);
        Assert.Contains("/search", page.Url);
    }

    [Fact]
    public async Task Theme_Toggled_IsDarkAndRemembered()
    {
        var page = await OpenAsync();
        await page.WaitForSelectorAsync(".tile.loaded", Visible);

        await page.ClickAsync("#theme");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".tile.loaded", Visible);

        Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        Assert.Equal("rgb(17, 18, 20)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        var id = await library.IdOfAsync("mountain.jpg");
        await page.GotoAsync($"{library.BaseUrl.TrimEnd('/')}/photo/{id}");
        await page.WaitForSelectorAsync(".preview.loaded", Visible);
        await ShotAsync(page, "photo-dark");
    }

    [Fact]
    public async Task Phone_SmallScreen_FitsWithoutSideways()
    {
        var page = await OpenAsync("/search?q=", new ViewportSize { Width = 390, Height = 844 });
        await page.WaitForSelectorAsync(".results .tile.loaded", Visible);

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(page, "phone");
    }
}
