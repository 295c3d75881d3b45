using System.CommandLine;
using System.Globalization;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Search.Engine;
using Shoebox.Search.Query;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox search`, `shoebox similar` and `shoebox random`: one engine, three ways to ask it.</summary>
internal static class SearchCommands
{
    public static Command Search(CliConsole console)
    {
        var words = new Argument<string[]>("QUERY")
        {
            Description = "What to look for, with filters. Quote it when it has a -word: shoebox search \"beach -people after:2019\".",
            Arity = ArgumentArity.OneOrMore,
        };
        var shared = new SharedOptions();
        var command = new Command("search", "Find photos by what they show, their names and captions, filtered by date, camera, folder or type.\n\n" + QuerySyntax.HelpText)
        {
            words,
        };
        shared.AddTo(command);
        command.SetAction((parse, cancellationToken) => shared.RunAsync(console, parse, _ =>
            new SearchRequest { Query = string.Join(' ', parse.GetValue(words)!) }, cancellationToken));
        return command;
    }

    public static Command Similar(CliConsole console)
    {
        var image = new Argument<string>("IMAGE") { Description = "An image file (in the library or not), or a photo id from search results." };
        image.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } target && !File.Exists(target) && PhotoId(target) is null)
            {
                result.AddError($"IMAGE must be an image file or a photo id (a whole number from search results); '{SummaryView.Printable(target)}' is neither.");
            }
        });
        var filters = new Option<string?>("--query", "-q")
        {
            Description = "Words and filters to combine with the image, as in search: -q \"after:2020 in:Memes\".",
            HelpName = "QUERY",
        };
        var shared = new SharedOptions();
        var command = new Command("similar", "Find photos that look like an image.") { image, filters };
        shared.AddTo(command);
        command.SetAction((parse, cancellationToken) => shared.RunAsync(console, parse, engine =>
        {
            var target = parse.GetValue(image)!;
            var query = parse.GetValue(filters) ?? "";
            // An existing file wins over an id, so a photo saved as "42" can still be used.
            return !File.Exists(target) && PhotoId(target) is { } id
                ? new SearchRequest { LikePhoto = id, Query = query }
                : new SearchRequest { LikeVector = Embed(engine, target), Query = query };
        }, cancellationToken));
        return command;
    }

    private static long? PhotoId(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static float[] Embed(SearchEngine engine, string path)
    {
        try
        {
            return engine.EmbedImage(path);
        }
        catch (BadImageException e)
        {
            throw new BadImageException($"{path}: {e.Message}", e);
        }
    }

    public static Command Random(CliConsole console)
    {
        var filters = new Option<string?>("--query", "-q") { Description = "Filters to pick from, as in search: -q \"type:gif\".", HelpName = "QUERY" };
        var shared = new SharedOptions(defaultLimit: 20, paging: false);
        var command = new Command("random", "Show photos picked at random: rediscover the library.") { filters };
        shared.AddTo(command);
        command.SetAction((parse, cancellationToken) => shared.RunAsync(console, parse, _ =>
            new SearchRequest { Random = true, Query = parse.GetValue(filters) ?? "" }, cancellationToken));
        return command;
    }

    /// <summary>The options the three commands share, and the run that turns a request into printed results.</summary>
    private sealed class SharedOptions(int defaultLimit = 20, bool paging = true)
    {
        private readonly LibraryOptions _library = new();
        private readonly Option<bool> _json = CommonOptions.Json();
        private readonly Option<bool> _offline = CommonOptions.Offline();
        private readonly Option<string?> _model = new("--model")
        {
            Description = "Search with this model's vectors. Default: the library's model.",
            HelpName = "ID|DIR",
        };
        // The engine ranks offset + limit photos to give a page: far beyond any page a person reads.
        private const int MaxOffset = 1_000_000;

        private readonly Option<int> _limit = new Option<int>("--limit", "-n")
        {
            Description = "How many results to show.",
            DefaultValueFactory = _ => defaultLimit,
            HelpName = "N",
        }.Between(1, SearchRequest.MaxLimit);
        private readonly Option<int> _offset = new Option<int>("--offset") { Description = "Skip this many results (the next page).", HelpName = "N" }
            .Between(0, MaxOffset);

        public void AddTo(Command command)
        {
            command.Options.Add(_limit);
            if (paging)
            {
                command.Options.Add(_offset);
            }
            command.Options.Add(_json);
            _library.AddTo(command);
            command.Options.Add(_model);
            command.Options.Add(_offline);
        }

        public async Task<int> RunAsync(CliConsole console, ParseResult parse, Func<SearchEngine, SearchRequest> ask, CancellationToken cancellationToken)
        {
            await using var session = await SearchSession.OpenAsync(console, _library.Resolve(parse), parse.GetValue(_model), parse.GetValue(_offline), cancellationToken);
            if (session is null)
            {
                return ExitCodes.CouldNotRun;
            }
            SearchPage page;
            try
            {
                var request = ask(session.Engine) with { Limit = parse.GetValue(_limit), Offset = paging ? parse.GetValue(_offset) : 0 };
                page = await session.Engine.SearchAsync(request);
            }
            catch (Exception e) when (e is ArgumentException or BadImageException or InvalidOperationException or LibraryUnavailableException)
            {
                await console.Error.WriteLineAsync($"shoebox: {ErrorMessages.Of(e)}");
                return ExitCodes.CouldNotRun;
            }
            if (parse.GetValue(_json))
            {
                await console.Out.WriteLineAsync(ResultsView.ToJson(page));
            }
            else
            {
                ResultsView.Write(console, page, paging ? "" : null);
            }
            return ExitCodes.Ok;
        }
    }
}
