using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// Reviewing duplicates on the page in a real Chromium: what differs is said in words, with totals, and "Keep this
/// one" and "Not a duplicate" are remembered. Each test has a library of its own, since they change it.
/// </summary>
[Tier(Tier.Browser)]
public sealed class DuplicateReviewBrowserTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime, IDisposable
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    private readonly ServedDuplicates _duplicates = new();

    private ServedLibrary Library => _duplicates.Library;

    public Task InitializeAsync() => _duplicates.InitializeAsync();

    public Task DisposeAsync() => _duplicates.DisposeAsync();

    public void Dispose() => Library.Dispose();

    private async Task<IPage> OpenAsync()
    {
        var page = await chromium.OpenAsync(Library.BaseUrl.TrimEnd('/') + "/duplicates", new ViewportSize { Width = 1280, Height = 800 });
        await page.WaitForSelectorAsync(".duplicate-group .member img", Visible);
        return page;
    }

    [Fact]
    public async Task Duplicates_Opened_SaysWhatDiffersInWordsAndGivesTotals()
    {
        var page = await OpenAsync();

        var copy = page.Locator(".duplicate-group .member").Nth(1);
        Assert.Contains("Smaller (300 × 200)", await copy.TextContentAsync());
        Assert.DoesNotContain("pHash", await page.Locator(".duplicates").TextContentAsync());
        Assert.Contains("1 group · 2 photos · setting the others aside would move 1 file", await page.Locator(".intro .totals").TextContentAsync());
        await chromium.ShotAsync(page, "duplicates-review", fullPage: true);
    }

    [Fact]
    public async Task KeepThisOne_TheSmallerCopy_BecomesYourKeeperAndStaysSoAfterReload()
    {
        var page = await OpenAsync();

        await page.Locator(".duplicate-group .member").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Keep this one" }).ClickAsync();
        await page.Locator(".member.keeper").Filter(new() { HasText = "Your keeper" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("poster-small.jpg", await page.Locator(".member.keeper").TextContentAsync());

        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".duplicate-group .member img", Visible);
        Assert.Contains("poster-small.jpg", await page.Locator(".member.keeper").TextContentAsync());
        Assert.Contains("Your keeper", await page.Locator(".member.keeper").TextContentAsync());
    }

    [Fact]
    public async Task NotADuplicate_TheCopy_LeavesAndTheGroupIsGoneForGood()
    {
        var page = await OpenAsync();

        await page.Locator(".duplicate-group .member").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Not a duplicate" }).ClickAsync();
        await page.GetByText("this group is gone for good").WaitForAsync(new() { Timeout = 15_000 });

        await page.ReloadAsync();
        await page.GetByText("No duplicates found.").WaitForAsync(new() { Timeout = 15_000 });
        Assert.All(ServedDuplicates.Files, file => Assert.True(File.Exists(Library.Temp[$"photos/{file}"]), $"{file} is still there"));
    }

    [Fact]
    public async Task NotDuplicates_OneOfTwoGroups_ShowsThePageAgainWithTheOtherAndNewTotals()
    {
        using var library = new ServedLibrary(temp =>
        {
            foreach (var seed in new[] { 7, 9 })
            {
                using var scene = Scenes.Draw(seed, words: seed);
                Scenes.Save(scene, temp[$"photos/{seed}.jpg"]);
                Scenes.Half(scene, temp[$"photos/copies/{seed}-small.jpg"]);
            }
        });
        await library.InitializeAsync();
        try
        {
            var page = await chromium.OpenAsync(library.BaseUrl.TrimEnd('/') + "/duplicates", new ViewportSize { Width = 1280, Height = 800 });
            await page.WaitForSelectorAsync(".duplicate-group .member img", Visible);
            var groups = page.Locator(".duplicates .duplicate-group");
            Assert.Equal(2, await groups.CountAsync());
            var second = await groups.Nth(1).Locator(".member").First.TextContentAsync();

            await groups.First.GetByRole(AriaRole.Button, new() { Name = "Not duplicates" }).ClickAsync();
            await page.Locator(".intro .totals").Filter(new() { HasText = "1 group · 2 photos" }).WaitForAsync(new() { Timeout = 15_000 });

            Assert.Equal(1, await groups.CountAsync());
            Assert.Equal(second, await groups.First.Locator(".member").First.TextContentAsync());
            Assert.Contains("this group is gone for good", await page.Locator(".intro [role=status]").TextContentAsync());
        }
        finally
        {
            await library.DisposeAsync();
        }
    }
}
