using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Tests.Fixtures;
using Shoebox.Web;

namespace Shoebox.Tests.Web;

/// <summary>GET /api/folders and GET /api/libraries/found over real HTTP, on a made-up home folder.</summary>
[Tier(Tier.EndToEnd)]
public class FolderApiTests(ServedLibrary library, FakeHome home) : IClassFixture<ServedLibrary>, IClassFixture<FakeHome>
{
    private async Task<HttpClient> ClientAsync(string? homePath = null)
    {
        var server = await library.StartAsync(o => o with { Home = homePath ?? home.Path });
        return new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };
    }

    private async Task<JsonElement> FoldersAsync(string query)
    {
        using var client = await ClientAsync();
        return await client.GetFromJsonAsync<JsonElement>($"/api/folders{query}");
    }

    private static List<string> Names(JsonElement page) =>
        [.. page.GetProperty("folders").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

    private static JsonElement Folder(JsonElement page, string name) =>
        page.GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Folders_NoPath_ListsTheHomeFoldersWithoutHiddenOnesOrFiles()
    {
        var page = await FoldersAsync("");

        Assert.Equal(home.Path, page.GetProperty("path").GetString());
        Assert.Equal(home.Path, page.GetProperty("home").GetString());
        Assert.Equal(Path.GetDirectoryName(home.Path), page.GetProperty("parent").GetString());
        Assert.Equal(["Documents", "Downloads", "Pictures"], Names(page));
    }

    [Fact]
    public async Task Folders_HiddenTrue_ListsHiddenFoldersMarked()
    {
        var page = await FoldersAsync($"?path={Uri.EscapeDataString(home.Path)}&hidden=true");

        Assert.Equal([".cache", "Documents", "Downloads", "Pictures"], Names(page));
        Assert.True(Folder(page, ".cache").GetProperty("hidden").GetBoolean());
        Assert.False(Folder(page, "Pictures").GetProperty("hidden").GetBoolean());
    }

    [Fact]
    public async Task Folders_FolderWithPhotosAndLibraries_ListsFoldersOnlySortedByNameAndSaysWhatEachIs()
    {
        var page = await FoldersAsync($"?path={Uri.EscapeDataString(home["Pictures"])}");

        Assert.Equal(["Holiday", "Lightroom", "Photos Library.photoslibrary", "Trips.cocatalog"], Names(page));
        Assert.Equal(home.Path, page.GetProperty("parent").GetString());
        Assert.Equal(home["Pictures"], page.GetProperty("crumbs").EnumerateArray().Last().GetProperty("path").GetString());
        Assert.Equal(1, Folder(page, "Holiday").GetProperty("images").GetInt32());
        Assert.Equal(JsonValueKind.Null, Folder(page, "Holiday").GetProperty("library").ValueKind);
        AssertLibrary(Folder(page, "Lightroom"), "lightroom", home[FakeHome.Lightroom]);
        AssertLibrary(Folder(page, "Photos Library.photoslibrary"), "apple-photos", home[FakeHome.ApplePhotos]);
        AssertLibrary(Folder(page, "Trips.cocatalog"), "capture-one", home[FakeHome.CaptureOne]);
    }

    [Fact]
    public async Task Folders_Home_CountsImagesAndSeesTakeoutInDownloads()
    {
        var downloads = await FoldersAsync($"?path={Uri.EscapeDataString(home["Downloads"])}");
        var top = await FoldersAsync("");

        AssertLibrary(Folder(downloads, "Takeout"), "takeout", home[FakeHome.TakeoutFolder]);
        Assert.Equal("takeout", Folder(top, "Downloads").GetProperty("library").GetProperty("kind").GetString());
        Assert.Equal(2, Folder(top, "Pictures").GetProperty("images").GetInt32());
        Assert.False(Folder(top, "Pictures").GetProperty("imagesCapped").GetBoolean());
    }

    [Fact]
    public async Task Folders_ManyEntries_CountsImagesOfTheFirstOnesOnly()
    {
        using var temp = new TempFolder();
        var crowded = temp.Folder("crowded");
        for (var i = 0; i < 1001; i++)
        {
            File.WriteAllBytes(Path.Combine(crowded, $"{i:D4}.jpg"), []);
        }
        using var client = await ClientAsync();

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/folders?path={Uri.EscapeDataString(temp.Path)}");

        Assert.Equal(1000, Folder(page, "crowded").GetProperty("images").GetInt32());
        Assert.True(Folder(page, "crowded").GetProperty("imagesCapped").GetBoolean());
    }

    [Fact]
    public async Task Folders_Root_HasNoParent()
    {
        var page = await FoldersAsync($"?path={Uri.EscapeDataString(Path.GetPathRoot(home.Path)!)}");

        Assert.Equal(JsonValueKind.Null, page.GetProperty("parent").ValueKind);
        Assert.Single(page.GetProperty("crumbs").EnumerateArray());
    }

    [Theory]
    [InlineData("Pictures", "is not a full path")]
    [InlineData("../etc", "is not a full path")]
    [InlineData("{home}/No Such Folder", "There is no folder at")]
    [InlineData("{home}/readme.txt", "is a file, not a folder")]
    public async Task Folders_RelativeMissingOrFilePath_Returns400WithAMessage(string path, string message)
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync($"/api/folders?path={Uri.EscapeDataString(path.Replace("{home}", home.Path, StringComparison.Ordinal))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folders_HiddenNotABoolean_Returns400()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("/api/folders?hidden=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [NonRootFact]
    public async Task Folders_UnreadableFolder_IsListedAsSuchAndReturns403WhenOpened()
    {
        using var temp = new TempFolder();
        var locked = temp.Folder("locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        using var client = await ClientAsync();

        var parent = await client.GetFromJsonAsync<JsonElement>($"/api/folders?path={Uri.EscapeDataString(temp.Path)}");
        using var opened = await client.GetAsync($"/api/folders?path={Uri.EscapeDataString(locked)}");

        Assert.False(Folder(parent, "locked").GetProperty("readable").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Contains("cannot be read", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FoundLibraries_FakeHome_ReturnsACardPerLibraryAndPictures()
    {
        using var client = await ClientAsync();

        var found = await client.GetFromJsonAsync<JsonElement>("/api/libraries/found");

        var cards = found.GetProperty("libraries").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("path").GetString())).ToList();
        Assert.Equal<(string?, string?)>(
        [
            ("apple-photos", home[FakeHome.ApplePhotos]),
            ("lightroom", home[FakeHome.Lightroom]),
            ("capture-one", home[FakeHome.CaptureOne]),
            ("takeout", home[FakeHome.TakeoutFolder]),
            ("takeout", home[FakeHome.TakeoutArchive]),
            ("folder", home["Pictures"]),
        ], cards);
        var archive = found.GetProperty("libraries")[4];
        Assert.Equal(new FileInfo(home[FakeHome.TakeoutArchive]).Length, archive.GetProperty("bytes").GetInt64());
        var pictures = found.GetProperty("libraries")[5];
        Assert.Equal(FakeHome.PicturesImages, pictures.GetProperty("images").GetInt32());
        Assert.False(pictures.GetProperty("imagesCapped").GetBoolean());
    }

    [Fact]
    public async Task FoundLibraries_EmptyHome_ReturnsNone()
    {
        using var temp = new TempFolder();
        using var client = await ClientAsync(temp.Path);

        var found = await client.GetFromJsonAsync<JsonElement>("/api/libraries/found");

        Assert.Empty(found.GetProperty("libraries").EnumerateArray());
    }

    [Fact]
    public async Task Welcome_Asked_SaysWhereTheLibraryLivesAndWhichModel()
    {
        using var client = await ClientAsync();

        var welcome = await client.GetFromJsonAsync<JsonElement>("/api/welcome");

        Assert.Equal(Path.GetFullPath(library.Temp.Library), welcome.GetProperty("libraryFolder").GetString());
        Assert.Equal(home.Path, welcome.GetProperty("home").GetString());
        Assert.True(welcome.GetProperty("model").GetProperty("installed").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheFolderEndpoints()
    {
        var paths = (await library.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/folders", "/api/libraries/found", "/api/welcome" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("get").GetProperty("summary").GetString()), path);
        }
        var parameters = paths.GetProperty("/api/folders").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["path", "hidden"], parameters);
    }

    [Fact]
    public void Validate_RelativeHome_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WebServerOptions { Home = "relative/home" }.Validate());

        Assert.Contains(WebServerOptions.HomeVariable, error.Message, StringComparison.Ordinal);
    }

    private static void AssertLibrary(JsonElement folder, string kind, string path)
    {
        var found = folder.GetProperty("library");
        Assert.Equal(kind, found.GetProperty("kind").GetString());
        Assert.Equal(path, found.GetProperty("path").GetString());
    }
}
