using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Web;

namespace Shoebox.Cli.Commands;

/// <summary>
/// `shoebox app`: what a double-click starts. One server per library (<see cref="AppInstance"/>): the first `app`
/// serves in its own process for as long as its window is open (or until Ctrl+C); a later one opens another window on
/// that server and ends. The window is a Chromium-family app window where one is installed, else a browser tab.
/// </summary>
internal static class AppCommand
{
    // Long enough for a first start to load its model before a second `app` gives up waiting for its address.
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);

    public static Command Create(CliConsole console) => ServeCommand.Create(console, new Front());

    /// <summary>
    /// Where the app listens: where it listened last time when that port is free (the page's settings are kept per
    /// address), else serve's usual port, else any free one.
    /// </summary>
    public static string ChooseUrls(string? previousUrl)
    {
        var ports = new List<int>();
        if (Uri.TryCreate(previousUrl, UriKind.Absolute, out var previous) && previous.IsLoopback)
        {
            ports.Add(previous.Port);
        }
        ports.Add(new Uri(WebServerOptions.DefaultUrls).Port);
        var port = ports.FirstOrDefault(IsFree);
        return $"http://127.0.0.1:{port}";
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task OpenAsync(CliConsole console, string url, string profile, Func<Process?, Task> whileOpen, CancellationToken stop)
    {
        if (AppWindow.Find() is { } browser && AppWindow.Open(browser, url, profile) is { } window)
        {
            using (window)
            {
                await whileOpen(window);
            }
            return;
        }
        if (!BrowserLauncher.TryOpen(url))
        {
            await console.Error.WriteLineAsync($"Could not open a browser; open {url} yourself.");
        }
        await whileOpen(null);
    }

    private sealed class Front : ServeFront
    {
        private readonly Option<bool> _noWindow = new("--no-window")
        {
            Description = "Open no window: print the address (and serve, unless a server for the library runs already).",
        };

        public override string Name => "app";

        public override string Description =>
            "Open Shoebox in a window of its own, serving the library while the window is open; reuses the server when one runs for the library already.";

        public override IEnumerable<Option> Options => [_noWindow];

        public override async Task<ServeTurn> BeginAsync(CliConsole console, ParseResult parse, Library library, string? urls, CancellationToken cancellationToken)
        {
            var noWindow = parse.GetValue(_noWindow);
            var profile = Path.Combine(library.Folder, AppWindow.ProfileFolderName);
            AppInstance.Claim claim;
            try
            {
                claim = await AppInstance.ClaimAsync(library.Folder, StartPatience, cancellationToken);
            }
            catch (LibraryUnavailableException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ServeTurn.Done(ExitCodes.CouldNotRun);
            }
            if (claim.Running is { } running)
            {
                await console.Out.WriteLineAsync($"Shoebox is already serving {library.Description} at {running.Url} (process {running.ProcessId}).");
                if (!noWindow)
                {
                    // The window belongs to the running server's session; this process has nothing more to do.
                    await OpenAsync(console, running.Url, profile, _ => Task.CompletedTask, cancellationToken);
                }
                return ServeTurn.Done(ExitCodes.Ok);
            }
            var mine = claim.Mine!;
            try
            {
                if (!library.Exists)
                {
                    // A first run: an empty library, which the page then offers to fill.
                    await using var created = await library.OpenAsync(cancellationToken);
                }
            }
            catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
            {
                mine.Dispose();
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ServeTurn.Done(ExitCodes.CouldNotRun);
            }
            return new Turn(mine, noWindow, profile, urls ?? ChooseUrls(mine.Previous?.Url));
        }
    }

    private sealed class Turn(AppInstance instance, bool noWindow, string profile, string urls) : ServeTurn(urls)
    {
        // Published before the address is printed: whoever read the address finds the server's state file too.
        public override void Listening(string url) => instance.Publish(url);

        public override async Task ServeAsync(CliConsole console, string url, CancellationToken stop)
        {
            if (noWindow)
            {
                await console.Out.WriteLineAsync("Press Ctrl+C to stop.");
                await UntilStoppedAsync(stop);
                return;
            }
            await OpenAsync(console, url, profile, async window =>
            {
                if (window is null)
                {
                    await console.Out.WriteLineAsync("Press Ctrl+C to stop.");
                    await UntilStoppedAsync(stop);
                    return;
                }
                await console.Out.WriteLineAsync("Close the Shoebox window, or press Ctrl+C, to stop.");
                await AppWindow.WaitClosedAsync(window, profile, stop);
            }, stop);
        }

        public override void Dispose()
        {
            instance.Dispose();
            base.Dispose();
        }
    }
}
