using System.Text.Json;
using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>The grid and the home page in a real Chromium, over a library of odd shapes, a damaged JPEG and no model.</summary>
[Tier(Tier.Browser)]
public class OddLibraryBrowserTests(ServedOddShapes odd, Chromium chromium) : IClassFixture<ServedOddShapes>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    private Task<IPage> OpenAsync(string path, int width, int height, ColorScheme scheme = ColorScheme.Light) =>
        chromium.OpenAsync(odd.Library.BaseUrl.TrimEnd('/') + path, new ViewportSize { Width = width, Height = height }, scheme);

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task Grid_WideTinyAndTallImages_StayInTheirRowAreNotBlownUpPastTwiceAndNothingScrollsSideways(int width, int height)
    {
        var page = await OpenAsync("/search?q=", width, height);
        await page.WaitForSelectorAsync(".results .tile.loaded", Visible);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var tiles = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.results .tile')].map(tile => {
              const box = tile.getBoundingClientRect(), row = tile.parentElement.getBoundingClientRect();
              const img = tile.querySelector('img')?.getBoundingClientRect();
              return { name: tile.title, left: box.left, right: box.right, rowLeft: row.left, rowRight: row.right, imgWidth: img?.width ?? 0, imgHeight: img?.height ?? 0 };
            })
            """);

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        Assert.Equal(ServedOddShapes.Photos, tiles.GetArrayLength());
        foreach (var tile in tiles.EnumerateArray())
        {
            var name = tile.GetProperty("name").GetString()!;
            Assert.True(tile.GetProperty("right").GetDouble() <= tile.GetProperty("rowRight").GetDouble() + 0.5, $"{name} reaches past its row");
            Assert.True(tile.GetProperty("left").GetDouble() >= tile.GetProperty("rowLeft").GetDouble() - 0.5, $"{name} starts before its row");
            if (ServedOddShapes.Sized.FirstOrDefault(s => s.Name == name) is { Name: not null } sized)
            {
                // Covering or contained, the image is drawn at the larger of the two ratios of its box to its pixels.
                var scale = Math.Max(tile.GetProperty("imgWidth").GetDouble() / sized.Width, tile.GetProperty("imgHeight").GetDouble() / sized.Height);
                Assert.True(scale <= 2.01, $"{name} is drawn {scale:0.00} times its size");
            }
        }
        await chromium.ShotAsync(page, $"odd-shapes-{width}");
    }

    [Fact]
    public async Task Grid_PhotoWithoutAThumbnail_ShowsItsNameWithoutAskingForOne()
    {
        var page = await OpenAsync("/search?q=", 1280, 800);
        var tile = page.Locator($".tile[title='{ServedOddShapes.Broken}']");
        await tile.Locator(".placeholder").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var text = await tile.InnerTextAsync();

        Assert.Contains(ServedOddShapes.Broken, text, StringComparison.Ordinal);
        Assert.Contains("No preview", text, StringComparison.Ordinal);
        Assert.Equal(0, await tile.Locator("img").CountAsync());
        // No 404 asked for and logged by the browser.
        Assert.Empty(chromium.ErrorsOf(page));
    }

    [Theory]
    [InlineData(1280, 800, ColorScheme.Light)]
    [InlineData(390, 844, ColorScheme.Dark)]
    public async Task Home_ModelMissing_SaysSoHowManyPhotosWaitAndWhatToDo(int width, int height, ColorScheme scheme)
    {
        var status = await odd.Library.GetJsonAsync("/api/status");
        var waiting = status.GetProperty("vectorsPending").GetInt32();
        var page = await OpenAsync("/", width, height, scheme);
        await page.WaitForSelectorAsync(".notice", Visible);

        var notice = await page.Locator(".notice").InnerTextAsync();

        Assert.True(waiting > 0);
        Assert.Contains("Searching by look is off.", notice, StringComparison.Ordinal);
        Assert.Contains("shoebox models pull clip-vit-b32", notice, StringComparison.Ordinal);
        Assert.Contains("restart shoebox serve", notice, StringComparison.Ordinal);
        Assert.Contains($"the {waiting} photos waiting", notice, StringComparison.Ordinal);
        Assert.Equal("code", await page.Locator(".notice code").First.EvaluateAsync<string>("e => e.localName"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await chromium.ShotAsync(page, $"home-model-missing-{width}-{scheme.ToString().ToLowerInvariant()}");
    }
}

/// <summary>What /api/status tells a page about a library whose model could not be had.</summary>
[Tier(Tier.EndToEnd)]
public class OddLibraryStatusTests(ServedOddShapes odd) : IClassFixture<ServedOddShapes>
{
    [Fact]
    public async Task Status_ModelMissing_SaysWhyAndHowManyVectorsWait()
    {
        var status = await odd.Library.GetJsonAsync("/api/status");

        Assert.False(status.GetProperty("canSearchByImage").GetBoolean());
        Assert.False(status.GetProperty("canSearchByText").GetBoolean());
        Assert.Contains("shoebox models pull clip-vit-b32", status.GetProperty("whyNoTextSearch").GetString(), StringComparison.Ordinal);
        // The damaged one too: its vector waits for the model like the others, and fails only then.
        Assert.Equal(ServedOddShapes.Photos, status.GetProperty("vectorsPending").GetInt32());
    }

    [Fact]
    public async Task Search_PhotoWithoutAThumbnail_IsListedAsSuch()
    {
        var page = await odd.Library.GetJsonAsync("/api/search?q=");

        var broken = page.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("path").GetString()!.EndsWith(ServedOddShapes.Broken, StringComparison.Ordinal)).GetProperty("id").GetInt64();
        Assert.Equal([broken], page.GetProperty("withoutThumbnail").EnumerateArray().Select(e => e.GetInt64()));
    }
}
