using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Shoebox.Catalog.Stores;
using Shoebox.Cli.Views;
using Shoebox.Imaging;

namespace Shoebox.Cli.Commands;

/// <summary>
/// `shoebox sources`: the folders and photo libraries the library is built from (what `shoebox index` with no path
/// and `serve` scan again), and taking one off. The web app's Sources page does the same and more.
/// </summary>
internal static class SourceCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create(CliConsole console) => new("sources", "List the folders and photo libraries the library is built from, or remove one. `shoebox index PATH` adds them.")
    {
        List(console),
        Remove(console),
    };

    private static Command List(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var command = new Command("list", "Every source with its kind, photos, photos still waiting for work, last scan, and whether it is paused, missing or failed.") { json };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            var rows = new List<SourceRow>();
            foreach (var source in await catalog.Sources.ListAsync())
            {
                var counts = await catalog.Sources.CountAsync(source);
                var state = source.Paused ? "paused" : !Path.Exists(source.Path) ? "missing" : source.LastError is not null ? "failed" : counts.Pending > 0 ? "pending" : "ok";
                rows.Add(new SourceRow(source.Id, source.Path, source.Kind, counts.Photos, counts.Pending, state, source.LastScan, source.LastError));
            }
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(rows, Json));
                return ExitCodes.Ok;
            }
            if (rows.Count == 0)
            {
                console.Out.WriteLine("No sources yet: `shoebox index PATH` adds a folder or photo library.");
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"{"id",4}  {"kind",-12}{"photos",8}{"waiting",9}  {"state",-8}{"last scan",-18}path");
            foreach (var row in rows)
            {
                var scanned = row.LastScan?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
                console.Out.WriteLine(SummaryView.Printable($"{row.Id,4}  {row.Kind,-12}{row.Photos,8:N0}{row.Pending,9:N0}  {row.State,-8}{scanned,-18}{row.Path}"));
                if (row.Error is { } error)
                {
                    console.Out.WriteLine(SummaryView.Printable($"      {error}"));
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var which = new Argument<string>("SOURCE") { Description = "The source's path, or its id from `shoebox sources list`." };
        var keep = new Option<bool>("--keep") { Description = "Keep its photos searchable where they are; the source is no longer scanned." };
        var forget = new Option<bool>("--forget") { Description = "Forget where its photos are, and the photos no other source holds (with their thumbnails and vectors). Files on disk are never touched." };
        var command = new Command("remove", "Take a source off the library; say --keep or --forget for its photos.") { which, keep, forget, json };
        library.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(keep) == result.GetValue(forget))
            {
                result.AddError("Say what becomes of its photos: --keep (they stay searchable) or --forget (they are forgotten).");
            }
        });
        command.SetAction((parse, _) =>
        {
            var chosen = library.Resolve(parse);
            // Exclusive, as `prune`: an index run must not link a photo being forgotten.
            return ExistingLibrary.RunAsync(console, chosen, exclusive: true, async catalog =>
            {
                var named = parse.GetValue(which)!;
                var source = long.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && await catalog.Sources.FindAsync(id) is { } byId
                    ? byId
                    : await catalog.Sources.FindAsync(named);
                if (source is null)
                {
                    await console.Error.WriteLineAsync(SummaryView.Printable($"shoebox: {named} is not a source of this library; `shoebox sources list` lists them."));
                    return ExitCodes.Usage;
                }
                var forgotten = await catalog.Sources.RemoveAsync(source, forgetPhotos: parse.GetValue(forget));
                var thumbnails = new ThumbnailStore(chosen.Folder);
                foreach (var hash in forgotten)
                {
                    thumbnails.Delete(hash);
                }
                console.Out.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { removed = source.Path, forgotPhotos = forgotten.Count }, Json)
                    : SummaryView.Printable(parse.GetValue(forget)
                        ? $"Removed {source.Path} and forgot {forgotten.Count:N0} photos no other source holds."
                        : $"Removed {source.Path}; its photos stay searchable."));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private sealed record SourceRow(long Id, string Path, string Kind, int Photos, int Pending, string State, DateTimeOffset? LastScan, string? Error);
}
