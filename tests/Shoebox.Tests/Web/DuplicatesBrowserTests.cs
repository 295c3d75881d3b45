using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>The duplicates review page in a real Chromium, on a library with a photo and its smaller copy.</summary>
[Tier(Tier.Browser)]
public class DuplicatesBrowserTests(ServedDuplicates duplicates, Chromium chromium) : IClassFixture<ServedDuplicates>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    private ServedLibrary Library => duplicates.Library;

    private async Task<IPage> OpenAsync(int width, int height)
    {
        var page = await chromium.OpenAsync(Library.BaseUrl.TrimEnd('/') + "/duplicates", new ViewportSize { Width = width, Height = height });
        await page.WaitForSelectorAsync(".duplicate-group .member img", Visible);
        return page;
    }

    private Task ShotAsync(IPage page, string name) => chromium.ShotAsync(page, name, fullPage: true);

    private async Task<long> IdOfAsync(string file)
    {
        var groups = await Library.GetJsonAsync("/api/duplicates");
        return groups.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("members").EnumerateArray())
            .First(m => m.GetProperty("paths")[0].GetString()!.EndsWith(file, StringComparison.Ordinal)).GetProperty("id").GetInt64();
    }

    private async Task<List<string>> TagsAsync(long id) =>
        [.. (await Library.GetJsonAsync($"/api/photos/{id}/tags")).GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Duplicates_Opened_ShowsThePhotoAndItsCopySideBySideWithTheKeeperMarked()
    {
        var page = await OpenAsync(1280, 800);

        var group = page.Locator(".duplicate-group");
        Assert.Equal(1, await group.CountAsync());
        Assert.Equal("2 versions of one picture", await group.Locator("h2").TextContentAsync());
        var members = group.Locator(".member");
        Assert.Equal(2, await members.CountAsync());
        Assert.Contains("Suggested keeper", await members.Nth(0).TextContentAsync());
        Assert.Contains("poster.jpg", await members.Nth(0).TextContentAsync());
        Assert.Contains("600 × 400", await members.Nth(0).TextContentAsync());
        Assert.Contains("poster-small.jpg", await members.Nth(1).TextContentAsync());
        Assert.DoesNotContain("Suggested keeper", await members.Nth(1).TextContentAsync());
        Assert.Equal(1, await page.Locator(".member.keeper").CountAsync());
        var first = await members.Nth(0).BoundingBoxAsync();
        var second = await members.Nth(1).BoundingBoxAsync();
        Assert.True(second!.X >= first!.X + first.Width && Math.Abs(second.Y - first.Y) < 1, "the two versions stand side by side");
        Assert.DoesNotContain("other-words", await page.Locator(".duplicates").TextContentAsync());
        await ShotAsync(page, "duplicates");
    }

    [Fact]
    public async Task Merge_ByKeyboard_GivesTheKeeperTheCopysTagAndDeletesNothing()
    {
        var keeper = await IdOfAsync("/poster.jpg");
        var copy = await IdOfAsync("poster-small.jpg");
        using (var added = await Library.Client.PostAsJsonAsync($"/api/photos/{copy}/tags", new { tag = "llama" }))
        {
            added.EnsureSuccessStatusCode();
        }
        Assert.DoesNotContain("llama", await TagsAsync(keeper));
        var page = await OpenAsync(1280, 800);

        var merge = page.GetByRole(AriaRole.Button, new() { Name = "Merge metadata into keeper" });
        await merge.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".intro [role=status]").Filter(new() { HasText = "to the keeper" }).WaitForAsync(new() { Timeout = 15_000 });

        Assert.Equal("Added 1 word to the keeper.", await page.Locator(".intro [role=status]").TextContentAsync());
        Assert.Contains("llama", await TagsAsync(keeper));
        Assert.Contains("llama", await TagsAsync(copy));
        Assert.All(ServedDuplicates.Files, file => Assert.True(File.Exists(Library.Temp[$"photos/{file}"]), $"{file} is still there"));
        var listed = await Library.GetJsonAsync("/api/duplicates");
        Assert.Equal(2, listed.GetProperty("groups")[0].GetProperty("members").GetArrayLength());
        await ShotAsync(page, "duplicates-merged");
    }

    [Fact]
    public async Task Duplicates_PhoneWidth_FitsBothVersionsWithoutSidewaysScrolling()
    {
        var page = await OpenAsync(390, 844);

        var members = page.Locator(".duplicate-group .member");
        var second = await members.Nth(1).BoundingBoxAsync();
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(pageWidth <= 390, $"the page is {pageWidth} px wide");
        Assert.True(second!.X + second.Width <= 390, "the copy is on screen beside the keeper");
        await ShotAsync(page, "duplicates-phone");
    }
}
