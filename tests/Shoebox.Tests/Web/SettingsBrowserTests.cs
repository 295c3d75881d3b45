using System.Text.Json;
using Microsoft.Playwright;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>The Settings page in a real Chromium, on a library of its own (the page changes it).</summary>
[Tier(Tier.Browser)]
public class SettingsBrowserTests(ServedLibrary library, Chromium chromium) : IClassFixture<ServedLibrary>, IClassFixture<Chromium>
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    [Fact]
    public async Task Settings_OcrTurnedOffOnThePage_IsKeptAfterAReloadAndIndexFollowsIt()
    {
        var page = await chromium.OpenAsync(library.BaseUrl, new ViewportSize { Width = 1280, Height = 900 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.WaitForSelectorAsync("input[name=readText]", Visible);
        var ocr = page.GetByRole(AriaRole.Checkbox, new() { Name = "Read the text in photos (OCR)" });
        Assert.True(await ocr.IsCheckedAsync());
        var faces = page.GetByRole(AriaRole.Checkbox, new() { Name = "Find faces" });
        Assert.True(await faces.IsEnabledAsync());
        Assert.True(await faces.IsCheckedAsync());
        Assert.Contains("in use", await page.Locator($".model[data-model=\"{library.ModelPath}\"]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(library.Temp.Library, await page.Locator(".facts").TextContentAsync(), StringComparison.Ordinal);
        Assert.StartsWith("Off", await page.Locator("#remote-access").TextContentAsync(), StringComparison.Ordinal);
        await chromium.ShotAsync(page, "settings", fullPage: true);

        await ocr.ClickAsync();
        await page.Locator(".settings-status").Filter(new() { HasText = "Saved." }).WaitForAsync(new() { Timeout = 15_000 });
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("input[name=readText]", Visible);

        Assert.False(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Read the text in photos (OCR)" }).IsCheckedAsync());
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Tag photos automatically" }).IsCheckedAsync());
        Assert.Equal("Settings · Shoebox", await page.TitleAsync());
        Assert.Empty(chromium.ErrorsOf(page));
        // The CLI reads the same switch: without --no-ocr, an index of the library reads no text.
        var index = await Fixtures.Cli.RunAsync("index", library.Root, "--library", library.Temp.Library, "--model", library.ModelPath, "--offline");
        Assert.True(index.ExitCode == 0, index.Error);
        var status = (await Fixtures.Cli.RunAsync("status", "--json", "--library", library.Temp.Library)).Json;
        Assert.False(status.GetProperty("pending").TryGetProperty(Stages.Ocr, out _), status.ToString());
        await using var catalog = await new Library(library.Temp.Library).OpenAsync();
        Assert.False((await LibrarySwitches.ReadAsync(catalog)).ReadText);
    }
}
