using System.Diagnostics;
using Microsoft.Playwright;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// The People page, a person's page and the faces on the photo page in a real Chromium, over a library whose faces
/// were stored and grouped as indexing does (<see cref="ServedPeople"/>). Each test has a library of its own, since
/// most change it.
/// </summary>
[Tier(Tier.Browser)]
public sealed class PeopleBrowserTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime, IDisposable
{
    private static readonly PageWaitForSelectorOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };
    private static readonly LocatorWaitForOptions Shown = new() { Timeout = 15_000 };

    private readonly ServedPeople _people = new();

    public Task InitializeAsync() => _people.InitializeAsync();

    public Task DisposeAsync() => _people.DisposeAsync();

    public void Dispose() => _people.Dispose();

    private Task<IPage> OpenAsync(string path, int width = 1280, int height = 800) =>
        chromium.OpenAsync(_people.Library.BaseUrl.TrimEnd('/') + path, new ViewportSize { Width = width, Height = height });

    private static ILocator Card(IPage page, long person) => page.Locator($".person[data-id='{person}']");

    private static async Task<List<string>> CardIdsAsync(IPage page) =>
        [.. await page.Locator(".people .person").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)")];

    private async Task<IPage> OpenPeopleAsync(int width = 1280)
    {
        var page = await OpenAsync("/people", width);
        await page.WaitForSelectorAsync(".people .person", Visible);
        return page;
    }

    [Fact]
    public async Task People_Opened_ShowsAFacePerPersonNamedFirstThenByCount()
    {
        var page = await OpenAsync("/");
        await page.ClickAsync("a.top-link[href='/people']");
        await page.WaitForSelectorAsync(".people .person", Visible);

        Assert.EndsWith("/people", page.Url);
        Assert.Equal([$"{_people.Ada}", $"{_people.Grace}", $"{_people.Stranger}"], await CardIdsAsync(page));
        Assert.Equal("Ada", await Card(page, _people.Ada).Locator(".person-name").TextContentAsync());
        Assert.Contains("4 photos", await Card(page, _people.Ada).TextContentAsync());
        Assert.Equal("Unnamed", await Card(page, _people.Grace).Locator(".person-name").TextContentAsync());
        // Polled from here: Playwright's own wait for a function evaluates its text in the page, which the app's
        // Content-Security-Policy forbids whenever the faces are not loaded at the first look.
        var loaded = Stopwatch.StartNew();
        while (!await page.EvaluateAsync<bool>("[...document.querySelectorAll('.person img.face')].every(i => i.complete && i.naturalWidth > 0)"))
        {
            Assert.True(loaded.Elapsed < TimeSpan.FromSeconds(30), "the faces did not load within 30 s");
            await Task.Delay(100);
        }
        await chromium.ShotAsync(page, "people");
    }

    [Fact]
    public async Task People_UnnamedPersonNamedInPlace_StaysNamedAfterReload()
    {
        var page = await OpenPeopleAsync();

        var field = Card(page, _people.Grace).GetByRole(AriaRole.Textbox);
        await field.FillAsync("Grace Hopper");
        await field.PressAsync("Enter");
        await page.Locator("#people-status").Filter(new() { HasText = "Named Grace Hopper." }).WaitForAsync(Shown);

        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".people .person", Visible);
        Assert.Equal("Grace Hopper", await Card(page, _people.Grace).Locator(".person-name").TextContentAsync());
        Assert.Equal([$"{_people.Ada}", $"{_people.Grace}", $"{_people.Stranger}"], await CardIdsAsync(page));
        Assert.Equal(0, await Card(page, _people.Grace).GetByRole(AriaRole.Textbox).CountAsync());
    }

    [Fact]
    public async Task People_TwoTickedWithTheKeyboardAndMerged_BecomeOneKeepingTheName()
    {
        var page = await OpenPeopleAsync();

        await Card(page, _people.Stranger).GetByRole(AriaRole.Checkbox).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Card(page, _people.Ada).GetByRole(AriaRole.Checkbox).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#merge-people").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#people-status").Filter(new() { HasText = "Merged into Ada." }).WaitForAsync(Shown);

        Assert.Equal([$"{_people.Ada}", $"{_people.Grace}"], await CardIdsAsync(page));
        Assert.Contains("5 faces", await Card(page, _people.Ada).TextContentAsync());
        Assert.True(await page.Locator("#merge-bar").IsHiddenAsync());
    }

    [Fact]
    public async Task People_OneDraggedOntoAnother_AreMerged()
    {
        var page = await OpenPeopleAsync();

        await Card(page, _people.Stranger).DragToAsync(Card(page, _people.Grace));
        await page.Locator("#people-status").Filter(new() { HasText = "Merged" }).WaitForAsync(Shown);

        Assert.Equal([$"{_people.Ada}", $"{_people.Grace}"], await CardIdsAsync(page));
        Assert.Contains("4 faces", await Card(page, _people.Grace).TextContentAsync());
    }

    [Fact]
    public async Task Person_OpenedWithTheKeyboard_ShowsTheirPhotosEachOpeningThePhotoPage()
    {
        var page = await OpenPeopleAsync();

        await Card(page, _people.Ada).Locator("a.person-link").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".person-photos .tile.loaded", Visible);

        Assert.EndsWith($"/people/{_people.Ada}", page.Url);
        Assert.Equal("Ada", await page.TextContentAsync("#person-name"));
        var tiles = await page.Locator(".person-photos .tile").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.title).sort()");
        Assert.Equal(["ada-1.jpg", "ada-2.jpg", "ada-3.jpg", ServedPeople.Group], tiles);
        await chromium.ShotAsync(page, "person");

        await page.Locator(".person-photos .tile[title='ada-2.jpg']").ClickAsync();
        await page.WaitForSelectorAsync(".info h1", Visible);
        Assert.EndsWith($"/photo/{_people.PhotoIds["ada-2.jpg"]}", page.Url);
    }

    [Fact]
    public async Task Person_RenamedInPlace_EnterSavesAndEscapeGivesUp()
    {
        var page = await OpenAsync($"/people/{_people.Ada}");
        await page.WaitForSelectorAsync("#rename", Visible);

        await page.ClickAsync("#rename");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Ada Lovelace");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#person-name").Filter(new() { HasText = "Ada Lovelace" }).WaitForAsync(Shown);
        Assert.Equal("rename", await page.EvaluateAsync<string>("document.activeElement.id"));

        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(" the second");
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("Ada Lovelace", await page.TextContentAsync("#person-name"));

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#person-name", Visible);
        Assert.Equal("Ada Lovelace", await page.TextContentAsync("#person-name"));
        Assert.Contains("Ada Lovelace", await page.TitleAsync());
    }

    [Fact]
    public async Task Person_SamePersonAs_MergesAndShowsThePersonKept()
    {
        var page = await OpenAsync($"/people/{_people.Stranger}");
        await page.WaitForSelectorAsync($"#same-as option[value='{_people.Ada}']", new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        await page.SelectOptionAsync("#same-as", $"{_people.Ada}");
        await page.ClickAsync("#merge-into");

        await page.Locator(".person-counts").Filter(new() { HasText = "5 faces" }).WaitForAsync(Shown);
        Assert.EndsWith($"/people/{_people.Ada}", page.Url);
        Assert.Equal("Ada", await page.TextContentAsync("#person-name"));
    }

    [Fact]
    public async Task Photo_WithFaces_OutlinesEachWithItsNameAndTheNameOpensThePerson()
    {
        var page = await OpenAsync($"/photo/{_people.PhotoIds[ServedPeople.Group]}");
        await page.WaitForSelectorAsync(".frame .face-box", Visible);
        await page.WaitForSelectorAsync(".preview.loaded", Visible);

        Assert.Equal(3, await page.Locator(".frame .face-box").CountAsync());
        var ada = page.Locator($".frame a.face-box[href='/people/{_people.Ada}']");
        Assert.Equal("Ada", await ada.TextContentAsync());
        // Drawn where the face is: its left edge at 5% of the photo as shown.
        var placed = await page.EvaluateAsync<double[]>(
            $"(() => {{ const i = document.querySelector('.preview').getBoundingClientRect(); const b = document.querySelector(\".face-box[href='/people/{_people.Ada}']\").getBoundingClientRect(); return [(b.left - i.left) / i.width, b.width / i.width]; }})()");
        Assert.InRange(placed[0], 0.04, 0.06);
        Assert.InRange(placed[1], 0.19, 0.21);
        Assert.Contains("Ada", await page.Locator("#photo-people").TextContentAsync());
        await chromium.ShotAsync(page, "photo-faces");

        await ada.ClickAsync();
        await page.WaitForSelectorAsync(".person-photos .tile", Visible);
        Assert.EndsWith($"/people/{_people.Ada}", page.Url);
    }

    [Fact]
    public async Task Photo_NotThisPerson_TakesTheFaceOutOfThemForGood()
    {
        var page = await OpenAsync($"/photo/{_people.PhotoIds[ServedPeople.Group]}");
        await page.WaitForSelectorAsync("#photo-people .face-row", Visible);

        await page.GetByRole(AriaRole.Button, new() { Name = "Not Ada" }).ClickAsync();
        await page.Locator("#photo-people [role=status]").Filter(new() { HasText = "Taken out of Ada." }).WaitForAsync(Shown);

        Assert.Equal(0, await page.Locator($".frame a.face-box[href='/people/{_people.Ada}']").CountAsync());
        Assert.Equal(3, await page.Locator(".frame .face-box").CountAsync());
        var people = await OpenPeopleAsync();
        Assert.Contains("3 photos", await Card(people, _people.Ada).TextContentAsync());
    }

    [Fact]
    public async Task Photo_NotAFace_LeavesThePhotoAndItsPerson()
    {
        var page = await OpenAsync($"/photo/{_people.PhotoIds[ServedPeople.Group]}");
        await page.WaitForSelectorAsync("#photo-people .face-row", Visible);

        var stranger = page.Locator("#photo-people .face-row").Filter(new() { Has = page.Locator($"a[href='/people/{_people.Stranger}']") });
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Not a face" }).ClickAsync();
        await page.Locator("#photo-people [role=status]").Filter(new() { HasText = "Not a face" }).WaitForAsync(Shown);

        Assert.Equal(2, await page.Locator(".frame .face-box").CountAsync());
        var people = await OpenPeopleAsync();
        Assert.Equal([$"{_people.Ada}", $"{_people.Grace}"], await CardIdsAsync(people));
    }

    [Fact]
    public async Task Person_ReviewFaces_NotThisPersonTakesOneOut()
    {
        var page = await OpenAsync($"/people/{_people.Grace}");
        await page.WaitForSelectorAsync("#review-faces", Visible);

        await page.ClickAsync("#review-faces");
        await page.WaitForSelectorAsync("#person-faces .person-face", Visible);
        Assert.Equal(3, await page.Locator("#person-faces .person-face").CountAsync());
        await page.Locator("#person-faces .person-face").First.GetByRole(AriaRole.Button, new() { Name = "Not this person" }).ClickAsync();

        await page.Locator(".person-counts").Filter(new() { HasText = "2 photos" }).WaitForAsync(Shown);
        Assert.Equal(2, await page.Locator("#person-faces .person-face").CountAsync());
    }

    [Fact]
    public async Task People_NobodyYet_SaysWhyAndWhatToDo()
    {
        using var library = new ServedLibrary();
        await library.InitializeAsync();
        try
        {
            await SwitchFacesAsync(library, on: false);
            var page = await chromium.OpenAsync(library.BaseUrl.TrimEnd('/') + "/people", new ViewportSize { Width = 1280, Height = 800 });
            await page.WaitForSelectorAsync("#faces-off", Visible);
            Assert.Contains("Find faces", await page.TextContentAsync("#faces-off"));
            await page.ClickAsync("#faces-off a[href='/settings']");
            await page.WaitForSelectorAsync("input[name=faces]", new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

            await SwitchFacesAsync(library, on: true);
            await page.GotoAsync(library.BaseUrl.TrimEnd('/') + "/people");
            await page.WaitForSelectorAsync("#faces-none, #faces-waiting", Visible);
            Assert.Empty(chromium.ErrorsOf(page));
        }
        finally
        {
            await library.DisposeAsync();
        }
    }

    private static async Task SwitchFacesAsync(ServedLibrary library, bool on)
    {
        await using var catalog = await new Shoebox.Catalog.Library(library.Temp.Library, library.Catalog).OpenAsync();
        await new Shoebox.Indexing.LibrarySwitches(Faces: on).SaveAsync(catalog);
    }
}
