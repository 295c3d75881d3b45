using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Shoebox.Cli;

/// <summary>
/// The app window: a Chromium-family browser found on the machine (Chrome, Edge, Chromium, Brave), started with
/// --app=URL (a window without tabs or address bar) on a profile of the library's own. The own profile makes it a
/// browser process of its own, apart from the user's browsing, that ends when its last window is closed.
/// </summary>
internal static class AppWindow
{
    /// <summary>A browser to use instead of the ones looked for (a Chromium-family program: it is given --app).</summary>
    public const string BrowserVariable = "SHOEBOX_BROWSER";

    /// <summary>The window's browser profile, in the library folder.</summary>
    public const string ProfileFolderName = "app-window";

    private static readonly string[] LinuxNames =
        ["google-chrome", "google-chrome-stable", "chromium", "chromium-browser", "microsoft-edge", "microsoft-edge-stable", "brave-browser"];

    private static readonly string[] WindowsRoots = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"];

    private static readonly string[] MacBundles = ["Google Chrome", "Microsoft Edge", "Chromium", "Brave Browser"];

    private static readonly string[] WindowsPrograms =
        [@"Google\Chrome\Application\chrome.exe", @"Microsoft\Edge\Application\msedge.exe", @"Chromium\Application\chrome.exe", @"BraveSoftware\Brave-Browser\Application\brave.exe"];

    /// <summary>The command line of the window: the page as an app, on its own profile, without the browser's first-run questions.</summary>
    public static IReadOnlyList<string> Arguments(string url, string profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        // The values are whole arguments (ProcessStartInfo.ArgumentList), so spaces in the profile's path need no quotes.
        return [$"--app={url}", $"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check", "--class=Shoebox"];
    }

    /// <summary>Where a browser for the window may be, most preferred first: <see cref="BrowserVariable"/>, then the usual places on <paramref name="platform"/>.</summary>
    /// <param name="environment">Reads an environment variable (PATH, ProgramFiles, HOME...).</param>
    public static IEnumerable<string> Candidates(OSPlatform platform, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(BrowserVariable) is { Length: > 0 } chosen)
        {
            yield return chosen;
        }
        if (platform == OSPlatform.Windows)
        {
            foreach (var root in WindowsRoots.Select(environment).OfType<string>())
            {
                foreach (var program in WindowsPrograms)
                {
                    yield return Path.Join(root, program).Replace('/', '\\');
                }
            }
        }
        else if (platform == OSPlatform.OSX)
        {
            var roots = environment("HOME") is { Length: > 0 } home ? new[] { "/Applications", Path.Join(home, "Applications") } : ["/Applications"];
            foreach (var root in roots)
            {
                foreach (var bundle in MacBundles)
                {
                    yield return $"{root}/{bundle}.app/Contents/MacOS/{bundle}";
                }
            }
        }
        else
        {
            var folders = (environment("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in LinuxNames)
            {
                foreach (var folder in folders)
                {
                    yield return Path.Join(folder, name);
                }
            }
        }
    }

    /// <summary>The first candidate browser that is there, or null (the default browser is used instead).</summary>
    public static string? Find() => Candidates(CurrentPlatform, Environment.GetEnvironmentVariable).FirstOrDefault(File.Exists);

    /// <summary>Starts the window on <paramref name="url"/>; null when the browser cannot be started.</summary>
    public static Process? Open(string browser, string url, string profile)
    {
        var info = new ProcessStartInfo(browser) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Arguments(url, profile))
        {
            info.ArgumentList.Add(argument);
        }
        try
        {
            var process = Process.Start(info);
            if (process is not null)
            {
                // Read and dropped: a browser's chatter must neither fill the pipe nor show in the terminal.
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }
            return process;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Returns once the window's browser has ended, or when <paramref name="stop"/> is asked (the window is then closed).</summary>
    public static async Task WaitClosedAsync(Process window, string profile, CancellationToken stop)
    {
        try
        {
            await window.WaitForExitAsync(stop);
            // A browser started on a profile that another of its processes holds (a window left from an earlier
            // server) hands the window over to that one and ends at once: the window lives as long as that process.
            while (ProfileHolder(profile) is { } holder && holder != window.Id && IsRunning(holder))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
        catch (OperationCanceledException)
        {
            if (!window.HasExited)
            {
                window.Kill(entireProcessTree: true);
            }
        }
    }

    private static OSPlatform CurrentPlatform =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;

    // Chromium marks a profile in use with a link SingletonLock -> "HOST-PID" (on Linux and macOS).
    private static int? ProfileHolder(string profile)
    {
        try
        {
            var target = new FileInfo(Path.Combine(profile, "SingletonLock")).LinkTarget;
            return target is not null && int.TryParse(target[(target.LastIndexOf('-') + 1)..], out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
