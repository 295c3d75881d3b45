using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

[Tier(Tier.EndToEnd)]
public class UploadTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    private static MultipartFormDataContent Form(byte[] bytes, string type = "image/jpeg")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "image", "upload.jpg" } };
    }

    [Fact]
    public async Task Upload_Image_ReturnsSimilarPhotosAndPagesOnWithLike()
    {
        using var temp = new TempFolder();
        var image = TestImages.Jpeg(temp["outside.jpg"], 120, 90);

        using var response = await library.Client.PostAsync("/api/search/image?limit=2", Form(File.ReadAllBytes(image)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, page.GetProperty("results").GetArrayLength());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        var like = page.GetProperty("like").GetString()!;
        Assert.StartsWith("upload:", like);
        var next = await library.GetJsonAsync($"/api/search?like={Uri.EscapeDataString(like)}&offset=2&limit=50");
        Assert.Equal(ServedLibrary.Names.Length - 2, next.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Upload_RawBody_IsAcceptedToo()
    {
        using var temp = new TempFolder();
        var image = TestImages.Png(temp["outside.png"]);
        using var content = new ByteArrayContent(File.ReadAllBytes(image));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await library.Client.PostAsync("/api/search/image", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Upload_NotAnImage_Returns415WithAClearMessage()
    {
        using var response = await library.Client.PostAsync("/api/search/image", Form("just some text, not a picture"u8.ToArray(), "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not an image", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Upload_TruncatedImage_Returns415WithTheReason()
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(TestImages.Jpeg(temp["cut.jpg"], 200, 150));

        using var response = await library.Client.PostAsync("/api/search/image", Form(bytes[..200]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("cannot be used", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Upload_Empty_Returns400()
    {
        using var response = await library.Client.PostAsync("/api/search/image", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_OverTheLimit_Returns413WithAClearMessage()
    {
        var server = await library.StartAsync(o => o with { MaxUploadBytes = 4096 });
        using var client = new HttpClient { BaseAddress = new Uri(server.BrowserUrl) };
        using var temp = new TempFolder();
        var image = TestImages.Jpeg(temp["big.jpg"], 800, 600, quality: 100);

        using var form = await client.PostAsync("/api/search/image", Form(File.ReadAllBytes(image)));
        using var raw = await client.PostAsync("/api/search/image", new ByteArrayContent(File.ReadAllBytes(image)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, raw.StatusCode);
        Assert.Contains("larger than", (await form.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Search_ForgottenUpload_Returns404()
    {
        using var response = await library.Client.GetAsync("/api/search?like=upload:0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
