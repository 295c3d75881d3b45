using System.CommandLine;
using Shoebox.Catalog;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Indexing.Captions;
using Shoebox.Models.Captions;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox caption`: describe each photo in words with a local vision model served by Ollama.</summary>
internal static class CaptionCommand
{
    // An answer slower than a day is no answer; HttpClient takes at most about 24 days.
    private const double SecondsInADay = 86_400;

    public static Command Create(CliConsole console)
    {
        var url = new Option<Uri>("--url")
        {
            Description = $"The Ollama server. Default: {OllamaOptions.DefaultUrl}.",
            HelpName = "URL",
            DefaultValueFactory = _ => OllamaOptions.DefaultUrl,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }
                result.AddError($"--url must be an http:// or https:// address, such as {OllamaOptions.DefaultUrl} (got '{text}').");
                return null;
            },
        };
        var model = new Option<string>("--model")
        {
            Description = $"The vision model, as Ollama names it: llava, llava:13b, moondream, qwen2.5vl... Default: {OllamaOptions.DefaultModel}.",
            HelpName = "NAME",
            DefaultValueFactory = _ => OllamaOptions.DefaultModel,
        };
        var concurrency = new Option<int>("--concurrency") { Description = "Captions asked for at once.", HelpName = "N", DefaultValueFactory = _ => 2 }.Between(1, 64);
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for one caption before trying again.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => new OllamaOptions().Timeout.TotalSeconds,
        }.PositiveUpTo(SecondsInADay);
        var retries = new Option<int>("--retries")
        {
            Description = "Tries after the first when the server times out, fails or cannot be reached.",
            HelpName = "N",
            DefaultValueFactory = _ => new OllamaOptions().Retries,
        }.Between(0, 100);
        var limit = new Option<int?>("--limit") { Description = "Caption at most this many photos now; the rest wait for the next run.", HelpName = "N" }.Between(1, int.MaxValue);
        var prompt = new Option<string?>("--prompt") { Description = "Ask the model something else than the default short description.", HelpName = "TEXT" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Try again the photos whose caption failed before." };
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var command = new Command("caption",
            "Describe every photo in a sentence or two with a local vision model (Ollama), so searches find them by what they show. " +
            "Only the preview thumbnails are sent, and only to the given server. Safe to stop and rerun: it continues where it was.")
        {
            url, model, concurrency, timeout, retries, limit, prompt, retryFailed,
        };
        library.AddTo(command);
        command.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = library.Resolve(parse);
            if (!chosen.Exists)
            {
                await console.Error.WriteLineAsync($"shoebox: {new LibraryNotFoundException(chosen).Message}");
                return ExitCodes.CouldNotRun;
            }
            var server = new OllamaOptions
            {
                BaseUrl = parse.GetValue(url)!,
                Model = parse.GetValue(model)!.Trim(),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Retries = parse.GetValue(retries),
            };
            if (parse.GetValue(prompt) is { Length: > 0 } asked)
            {
                server = server with { Prompt = asked };
            }
            if (server.Model.Length == 0)
            {
                await console.Error.WriteLineAsync("shoebox: --model needs a name, such as llava or moondream.");
                return ExitCodes.Usage;
            }
            var options = new CaptionRunOptions
            {
                Library = chosen,
                Server = server,
                Concurrency = parse.GetValue(concurrency),
                Limit = parse.GetValue(limit),
                RetryFailed = parse.GetValue(retryFailed),
            };
            return await RunAsync(console, options, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, CaptionRunOptions options, bool json, CancellationToken cancellationToken)
    {
        using var interruption = new Interruption(console.Error, cancellationToken);
        using var captioner = new OllamaCaptioner(options.Server);
        var run = new CaptionRun(options, captioner);
        run.Progress += progress => console.Error.WriteLine(progress.Caption is { } caption
            ? $"[{progress.Finished}/{progress.Total}] {Name(progress.Photo)}: {caption}"
            : $"[{progress.Finished}/{progress.Total}] {Name(progress.Photo)} failed: {progress.Failure}");
        await console.Error.WriteLineAsync($"Captioning with {options.Server.Model} at {options.Server.BaseUrl} ({options.Concurrency} at a time)...");
        CaptionSummary summary;
        try
        {
            summary = await run.RunAsync(interruption.Token);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
        if (json)
        {
            await console.Out.WriteLineAsync(summary.ToJson());
        }
        else
        {
            await console.Out.WriteLineAsync(
                $"Captioned {summary.Captioned} photo{(summary.Captioned == 1 ? "" : "s")} with {summary.Model} in {summary.Elapsed.TotalSeconds:0.#} s" +
                $"{(summary.Failures.Count > 0 ? $", {summary.Failures.Count} failed" : "")}" +
                $"{(summary.Remaining > 0 ? $", {summary.Remaining} still to do" : "")}.");
            foreach (var failure in summary.Failures)
            {
                await console.Out.WriteLineAsync($"  failed: {Name(failure.PhotoId, failure.Path)}: {failure.Reason}");
            }
            if (summary.Failures.Count > 0)
            {
                await console.Out.WriteLineAsync("Try the failed ones again with `shoebox caption --retry-failed`.");
            }
        }
        if (summary.StoppedBecause is { } reason)
        {
            await console.Error.WriteLineAsync($"shoebox: {reason}");
            return ExitCodes.CouldNotRun;
        }
        if (summary.Interrupted)
        {
            await console.Error.WriteLineAsync("Stopped. Run `shoebox caption` again to continue where it was.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Ok;
    }

    private static string Name(ThumbnailWork photo) => Name(photo.PhotoId, photo.Path);

    private static string Name(long id, string? path) => path is null ? $"photo {id}" : SummaryView.Printable(path);
}
