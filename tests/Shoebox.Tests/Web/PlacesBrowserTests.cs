using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>The Places page in a real Chromium: from a photo's place to the page, and from a town to its photos.</summary>
[Tier(Tier.Browser)]
public sealed class PlacesBrowserTests(ServedPlaces served, Chromium chromium) : IClassFixture<ServedPlaces>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 30_000 };

    [Fact]
    public async Task PlacesPage_FromAPhotosPlaceToATown_SearchesItsPhotos()
    {
        var id = await served.IdOfAsync("red-car.jpg");
        var page = await chromium.OpenAsync(served.BaseUrl.TrimEnd('/') + $"/photo/{id}", new ViewportSize { Width = 1280, Height = 800 });
        var place = page.Locator("a.place-link");
        await place.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal("Lisbon, Portugal", await place.TextContentAsync());

        await place.ClickAsync();
        await page.WaitForSelectorAsync("#country-PT", Visible);
        Assert.Contains("1 photo", await page.Locator("#country-PT").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("GeoNames", await page.Locator("#places-credit").TextContentAsync(), StringComparison.Ordinal);
        await chromium.ShotAsync(page, "places");

        await page.ClickAsync("#country-PT .place-towns a:text-is('Lisbon')");
        await page.WaitForSelectorAsync(".results .tile[title='red-car.jpg']", Visible);
        Assert.Equal(1, await page.Locator(".results .tile").CountAsync());
        Assert.Empty(chromium.ErrorsOf(page));
    }
}
