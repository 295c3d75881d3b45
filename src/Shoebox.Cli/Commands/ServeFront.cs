using System.CommandLine;
using Shoebox.Catalog;

namespace Shoebox.Cli.Commands;

/// <summary>
/// What a serving command does around the server that <see cref="ServeCommand"/> runs: `serve` only serves, `open`
/// also opens a browser tab, `app` keeps one server per library and a window on it (<see cref="AppCommand"/>).
/// </summary>
internal abstract class ServeFront
{
    public static readonly ServeFront Serve = new Tab(openBrowser: false);

    public static readonly ServeFront Open = new Tab(openBrowser: true);

    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Options of this command's own, beside serve's.</summary>
    public virtual IEnumerable<Option> Options => [];

    /// <summary>Before the library and its model are opened (which takes a while): how this run goes on.</summary>
    /// <param name="urls">--urls when given on the command line, else null.</param>
    public abstract Task<ServeTurn> BeginAsync(CliConsole console, ParseResult parse, Library library, string? urls, CancellationToken cancellationToken);

    private sealed class Tab(bool openBrowser) : ServeFront
    {
        public override string Name => openBrowser ? "open" : "serve";

        public override string Description => openBrowser
            ? "Serve the web app (as `serve` does) and open it in the default browser."
            : "Serve the web app and its JSON API on this machine, indexing changes in the background.";

        public override Task<ServeTurn> BeginAsync(CliConsole console, ParseResult parse, Library library, string? urls, CancellationToken cancellationToken) =>
            Task.FromResult<ServeTurn>(new TabTurn(openBrowser, urls));
    }

    private sealed class TabTurn(bool openBrowser, string? urls) : ServeTurn(urls)
    {
        public override async Task ServeAsync(CliConsole console, string url, CancellationToken stop)
        {
            await console.Out.WriteLineAsync("Press Ctrl+C to stop.");
            if (openBrowser && !BrowserLauncher.TryOpen(url))
            {
                await console.Error.WriteLineAsync($"Could not open a browser; open {url} yourself.");
            }
            await UntilStoppedAsync(stop);
        }
    }
}

/// <summary>One run of a serving command, from <see cref="ServeFront.BeginAsync"/> until the server stops.</summary>
/// <param name="urls">Where to listen; null for serve's default.</param>
internal abstract class ServeTurn(string? urls) : IDisposable
{
    /// <summary>Set when there is nothing to serve in this process (another one serves): the command's exit code.</summary>
    public int? Finished { get; private init; }

    public string? Urls { get; } = urls;

    /// <summary>Once the server listens at <paramref name="url"/>, before its address is printed (which callers wait for).</summary>
    public virtual void Listening(string url) { }

    /// <summary>Once the server listens at <paramref name="url"/>: returns when it should stop.</summary>
    public abstract Task ServeAsync(CliConsole console, string url, CancellationToken stop);

    /// <summary>A run that ends before anything is served, with this exit code.</summary>
    public static ServeTurn Done(int exitCode) => new Ended { Finished = exitCode };

    public virtual void Dispose() { }

    protected static async Task UntilStoppedAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop serving.
        }
    }

    private sealed class Ended() : ServeTurn(null)
    {
        public override Task ServeAsync(CliConsole console, string url, CancellationToken stop) => Task.CompletedTask;
    }
}
