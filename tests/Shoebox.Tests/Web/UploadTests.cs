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
    public async Task Upload_WhileArriving_IsAFileOnlyItsOwnerCanReadInTheLibraryAndIsGoneAfter()
    {
        using var temp = new TempFolder();
        var image = File.ReadAllBytes(TestImages.Jpeg(temp["outside.jpg"], 400, 300));
        var half = new GatedContent(image);
        using var form = new MultipartFormDataContent { { half, "image", "outside.jpg" } };
        var uploads = Path.Combine(library.Temp.Library, "uploads");

        var sending = library.Client.PostAsync("/api/search/image", form);
        var arriving = await half.WrittenAsync(() => Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories)
            .FirstOrDefault(f => !f.EndsWith(".lock", StringComparison.Ordinal)));
        var mode = File.GetUnixFileMode(arriving);
        var folderMode = File.GetUnixFileMode(Path.GetDirectoryName(arriving)!);
        half.Finish();
        using var response = await sending;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, folderMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(uploads));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(arriving));
    }

    [Fact]
    public async Task Start_UploadsACrashLeftBehind_AreDeletedAndThoseOfARunningServerKept()
    {
        var uploads = Path.Combine(library.Temp.Library, "uploads");
        var running = Directory.EnumerateFiles(uploads, "*.lock").ToList();
        Directory.CreateDirectory(Path.Combine(uploads, "crashed"));
        File.WriteAllText(Path.Combine(uploads, "crashed.lock"), "");
        File.WriteAllText(Path.Combine(uploads, "crashed", "half-an-upload"), "private");
        Directory.CreateDirectory(Path.Combine(uploads, "no-lock"));
        File.WriteAllText(Path.Combine(uploads, "no-lock", "half-an-upload"), "private");
        File.WriteAllText(Path.Combine(uploads, "shoebox-upload-stray"), "private");

        await library.StartAsync(o => o);

        Assert.NotEmpty(running);
        Assert.All(running, l => Assert.True(Directory.Exists(l[..^".lock".Length]), l));
        Assert.False(Directory.Exists(Path.Combine(uploads, "crashed")));
        Assert.False(File.Exists(Path.Combine(uploads, "crashed.lock")));
        Assert.False(Directory.Exists(Path.Combine(uploads, "no-lock")));
        Assert.False(File.Exists(Path.Combine(uploads, "shoebox-upload-stray")));
    }

    [Fact]
    public async Task Search_ForgottenUpload_Returns404()
    {
        using var response = await library.Client.GetAsync("/api/search?like=upload:0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>An image sent in two halves: the second only once the test has looked at what the first left on the server.</summary>
    private sealed class GatedContent(byte[] bytes) : HttpContent
    {
        private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish() => _finish.TrySetResult();

        /// <summary>Once the first half is out, waits (up to a minute) until <paramref name="find"/> finds what it arrived as.</summary>
        public async Task<string> WrittenAsync(Func<string?> find)
        {
            await _firstHalfSent.Task.WaitAsync(TimeSpan.FromMinutes(1));
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline)
            {
                if (find() is { } found)
                {
                    return found;
                }
                await Task.Delay(20);
            }
            Finish();
            throw new TimeoutException("the first half of the upload left no file in the library's uploads folder");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await stream.FlushAsync();
            _firstHalfSent.TrySetResult();
            await _finish.Task;
            await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
