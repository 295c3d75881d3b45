using System.CommandLine;
using Shoebox.Catalog;
using Shoebox.Cli.Views;
using Shoebox.Indexing;
using Shoebox.Web;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox serve`, `open` and `app`: the web app over one library, kept fresh in the background.</summary>
internal static class ServeCommand
{
    // Rarer than weekly is as good as never: file events and restarts catch the rest.
    private const double MinutesInAWeek = 7 * 24 * 60;

    public static Command Create(CliConsole console, ServeFront front)
    {
        var library = new LibraryOptions();
        var model = new Option<string?>("--model")
        {
            Description = "Model for searching: an id from `shoebox models list` or a folder. Default: the library's model.",
            HelpName = "ID|DIR",
        };
        var offline = CommonOptions.Offline();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, separated by ';'. Anything but loopback needs --allow-remote.",
            DefaultValueFactory = _ => WebServerOptions.DefaultUrls,
            HelpName = "URL",
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow --urls to listen beyond this machine; an access token is then required.",
        };
        var token = new Option<string?>("--token")
        {
            Description = $"The access token required of clients; made and printed when listening remotely without one. Other users see it in `ps`: prefer {ServeToken.Variable} or --token-file.",
            HelpName = "TOKEN",
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = $"Read the access token from this file (one line); {ServeToken.Variable} in the environment works too.",
            HelpName = "FILE",
        };
        var noWatch = new Option<bool>("--no-watch")
        {
            Description = "Do not index new, changed and removed files in the background.",
        };
        // What background indexing gives a new photo, as for `shoebox index`.
        var noOcr = CommonOptions.NoOcr();
        var noTags = CommonOptions.NoTags();
        var noFaces = CommonOptions.NoFaces();
        var rescan = new Option<double>("--rescan-minutes")
        {
            Description = "How often the indexed folders are walked again for changes file events missed.",
            DefaultValueFactory = _ => 15,
            HelpName = "MINUTES",
        }.PositiveUpTo(MinutesInAWeek);
        var command = new Command(front.Name, front.Description)
        {
            urls, model, offline, allowRemote, token, tokenFile, noWatch, rescan, noOcr, noTags, noFaces,
        };
        foreach (var option in front.Options)
        {
            command.Add(option);
        }
        library.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = library.Resolve(parse);
            using var turn = await front.BeginAsync(console, parse, chosen, parse.GetResult(urls) is { Implicit: false } ? parse.GetValue(urls) : null, cancellationToken);
            if (turn.Finished is { } finished)
            {
                return finished;
            }
            ServeToken.Choice access;
            WebServerOptions options;
            try
            {
                access = ServeToken.Resolve(parse.GetValue(token), parse.GetValue(tokenFile), Environment.GetEnvironmentVariable(ServeToken.Variable));
                options = new WebServerOptions
                {
                    Urls = turn.Urls ?? parse.GetValue(urls)!,
                    AllowRemote = parse.GetValue(allowRemote),
                    Token = access.Token,
                    TokenOrigin = access.Origin,
                    RescanInterval = TimeSpan.FromMinutes(parse.GetValue(rescan)),
                    ModelStore = ModelChoice.Store(parse.GetValue(offline)),
                    NoText = parse.GetValue(noOcr),
                    NoTags = parse.GetValue(noTags),
                    NoFaces = parse.GetValue(noFaces),
                };
                // Checked before the model loads: a refused address should not wait for it.
                options.Validate();
            }
            catch (ArgumentException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.Usage;
            }
            if (access.Warning is { } warning)
            {
                await console.Error.WriteLineAsync(warning);
            }
            using var interruption = new Interruption(console.Error, cancellationToken);
            await using var session = await SearchSession.OpenAsync(console, chosen, parse.GetValue(model), parse.GetValue(offline), interruption.Token, checkCatalog: true, fetchLater: true);
            if (session is null)
            {
                return ExitCodes.CouldNotRun;
            }
            // The catalog was checked by the session: its switches read as they are.
            var switches = await LibrarySwitches.ForAsync(chosen);
            var settings = switches.ApplyTo(new IndexSettings { SkipUnchangedLibraries = true }, noText: parse.GetValue(noOcr), noTags: parse.GetValue(noTags), noFaces: parse.GetValue(noFaces));
            using var indexing = parse.GetValue(noWatch) ? null : await IndexingAsync(console, chosen, settings, session, parse.GetValue(offline), interruption.Token);
            // A model not installed yet is downloaded by the server, which answers (and opens its window) meanwhile.
            return await RunAsync(console, options with { Indexing = indexing, ModelToFetch = session.ToFetch }, session, turn, interruption.Token);
        });
        return command;
    }

    // Photos added while serving get what `index` gives them (text read, tags), from the factory `index` uses; the
    // model loaded for searching serves, so it is not loaded twice.
    private static Task<IndexingPipeline> IndexingAsync(
        CliConsole console, Library library, IndexSettings settings, SearchSession session, bool offline, CancellationToken cancellationToken)
    {
        var factory = new IndexingFactory(ModelChoice.Store(offline), new ConsoleFeedback(console));
        return factory.CreateAsync(library, settings, session.Descriptor, session.Model, session.Engine.LibraryVectors, cancellationToken);
    }

    private static async Task<int> RunAsync(CliConsole console, WebServerOptions options, SearchSession session, ServeTurn turn, CancellationToken stop)
    {
        // Errors the server answers and wrong access tokens are logged on the error stream, as a worker's are.
        using var log = new LogLines([console.Error], []);
        await using var server = WebServer.Create(options, session.Engine, new LogLinesProvider(log));
        try
        {
            await server.StartAsync(stop);
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync($"shoebox: cannot listen on {options.Urls}: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
        if (server.Options.Remote)
        {
            await console.Error.WriteLineAsync("Warning: listening beyond this machine. Anyone who can reach it and has the token sees your whole library.");
            // A token the user chose is theirs already; one made here must be told.
            await console.Error.WriteLineAsync(options.Token is null ? $"Access token: {server.Options.Token}" : $"Access token: the one from {options.TokenOrigin}");
        }
        turn.Listening(server.BrowserUrl);
        await console.Out.WriteLineAsync($"Shoebox is serving {session.Engine.Library.Description} at {server.BrowserUrl}");
        await turn.ServeAsync(console, server.BrowserUrl, stop);
        await server.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }
}
