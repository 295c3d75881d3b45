using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Cli.Views;
using Shoebox.Core;

namespace Shoebox.Cli.Commands;

/// <summary>
/// `shoebox tags`: the library's tags, and the user's own edits. What the user adds or removes wins over automatic
/// tagging, now and at every later index.
/// </summary>
internal static class TagCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create(CliConsole console) => new("tags", "List tags, show a photo's tags, add or remove your own. Tags are searchable (tag:NAME, or just the word) and written by `shoebox xmp write`.")
    {
        List(console),
        Show(console),
        Edit(console, "add", "Put TAG on these photos (files or photo ids). Automatic tagging never takes it off."),
        Edit(console, "remove", "Take TAG off these photos (files or photo ids), whoever gave it. Automatic tagging never puts it back."),
    };

    private static Command List(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var command = new Command("list", "Every tag in the library with how many photos carry it (yours, automatic).") { json };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            var counts = await catalog.Tags.CountAsync();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(counts, Json));
            }
            else if (counts.Count == 0)
            {
                console.Out.WriteLine("No tags yet: `shoebox index` tags photos automatically, `shoebox tags add TAG PHOTO...` adds your own.");
            }
            else
            {
                console.Out.WriteLine($"{"tag",-30}{"yours",8}{"automatic",11}");
                foreach (var count in counts)
                {
                    console.Out.WriteLine($"{SummaryView.Printable(count.Name),-30}{count.ByUser,8:N0}{count.Automatic,11:N0}");
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var photos = new Argument<string[]>("PHOTO") { Arity = ArgumentArity.OneOrMore, Description = "Image files (as indexed) or photo ids." };
        var command = new Command("show", "The tags of these photos: yours first, then automatic ones with how sure the tagger was.") { photos, json };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            var (found, unknown) = await PhotoReferences.ResolveAsync(catalog, parse.GetValue(photos)!);
            var shown = new List<(string photo, long id, List<PhotoTag> tags)>();
            foreach (var photo in found)
            {
                shown.Add((photo.Reference, photo.Id, await catalog.Tags.OfPhotoAsync(photo.Id)));
            }
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(shown.Select(s => new { s.photo, s.id, s.tags }), Json));
            }
            else
            {
                foreach (var photo in shown)
                {
                    var tags = photo.tags.Select(t => t.ByUser ? t.Name : string.Create(CultureInfo.InvariantCulture, $"{t.Name} ({t.Score:0.00})"));
                    console.Out.WriteLine(SummaryView.Printable($"{photo.photo}: {(photo.tags.Count == 0 ? "(no tags)" : string.Join(", ", tags))}"));
                }
            }
            return Unknown(console, unknown);
        }));
        return command;
    }

    private static Command Edit(CliConsole console, string verb, string description)
    {
        var library = new LibraryOptions();
        var tag = new Argument<string>("TAG") { Description = "The tag, e.g. \"beach\" or \"grandma's 80th\"." };
        var photos = new Argument<string[]>("PHOTO") { Arity = ArgumentArity.OneOrMore, Description = "Image files (as indexed) or photo ids." };
        var command = new Command(verb, description) { tag, photos };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            string name;
            try
            {
                name = TagStore.Name(parse.GetValue(tag)!);
            }
            catch (ArgumentException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {ErrorMessages.Of(e)}");
                return ExitCodes.Usage;
            }
            var (found, unknown) = await PhotoReferences.ResolveAsync(catalog, parse.GetValue(photos)!);
            var changed = 0;
            await using (var batch = await catalog.BeginBatchAsync())
            {
                foreach (var photo in found.DistinctBy(f => f.Id))
                {
                    var did = verb == "add" ? await catalog.Tags.AddUserAsync(photo.Id, name) : await catalog.Tags.RemoveAsync(photo.Id, name, DateTimeOffset.UtcNow);
                    changed += did ? 1 : 0;
                }
                await batch.CommitAsync();
            }
            var done = verb == "add" ? "added to" : "removed from";
            console.Out.WriteLine($"'{SummaryView.Printable(name)}' {done} {changed:N0} photo{(changed == 1 ? "" : "s")}" +
                (found.Count > changed ? $" ({found.Count - changed:N0} {(verb == "add" ? "had it already" : "did not have it; it will not be given to them")})" : ""));
            return Unknown(console, unknown);
        }));
        return command;
    }

    private static int Unknown(CliConsole console, List<string> unknown)
    {
        foreach (var reference in unknown)
        {
            console.Error.WriteLine($"shoebox: {SummaryView.Printable(reference)} is not a photo in this library (give a file as indexed, or a photo id from `shoebox search --json`)");
        }
        return unknown.Count > 0 ? ExitCodes.CouldNotRun : ExitCodes.Ok;
    }
}
