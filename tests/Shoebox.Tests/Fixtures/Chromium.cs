using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// The system's Chromium (Debian's chromium package), driven by Playwright. Missing, it fails the browser tests
/// with a message saying what to install, rather than letting them pass unseen.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save their screenshots: screenshots/ beside the test assembly.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private readonly ConcurrentDictionary<IPage, List<string>> _errors = new();

    /// <summary>
    /// Opens <paramref name="url"/> in a fresh context (its own storage, motion reduced), noting the page's script
    /// errors and console errors (a resource refused by the content security policy is one) for <see cref="ErrorsOf"/>.
    /// <paramref name="prepare"/> runs on the page before it loads (to route requests, say).
    /// </summary>
    public async Task<IPage> OpenAsync(string url, ViewportSize viewport, ColorScheme scheme = ColorScheme.Light, Func<IPage, Task>? prepare = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport,
            ColorScheme = scheme,
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        var errors = _errors[page] = [];
        page.PageError += (_, message) => errors.Add(message);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        if (prepare is not null)
        {
            await prepare(page);
        }
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>The errors a page opened by <see cref="OpenAsync"/> has met so far.</summary>
    public List<string> ErrorsOf(IPage page) => _errors[page];

    /// <summary>The URLs of the POST requests the page sends from now on (none, where a page must only read).</summary>
    public static List<string> PostsOf(IPage page)
    {
        var posted = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posted.Add(request.Url);
            }
        };
        return posted;
    }

    /// <summary>Saves a screenshot under <see cref="ScreenshotFolder"/> once the network is quiet, and checks the page met no error.</summary>
    public async Task ShotAsync(IPage page, string name, bool fullPage = false)
    {
        // Thumbnails load lazily: wait until the ones on screen have arrived.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = fullPage });
        Assert.Empty(ErrorsOf(page));
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}: install it with `apt-get install chromium` (.ci/run does).");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Containers (CI) run as root without user namespaces, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
