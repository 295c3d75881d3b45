using System.CommandLine;
using Shoebox.Catalog;
using Shoebox.Cli.Views;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Store;
using Shoebox.Search.Duplicates;

namespace Shoebox.Cli.Commands;

/// <summary>
/// `shoebox duplicates keep PHOTO` and `shoebox duplicates apart PHOTO [--group]`: the user's word on a group, kept in
/// the catalog, so that every later `duplicates` (and `--move-to`) and the web page respect it.
/// </summary>
internal static class DuplicateChoiceCommands
{
    public static Command Keep(CliConsole console)
    {
        var library = new LibraryOptions();
        var photo = PhotoArgument();
        var command = new Command("keep", "Keep this photo of its group of near-duplicates, whatever the rules would choose.") { photo };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            if (await FindAsync(console, catalog, parse.GetValue(photo)!) is not { } id)
            {
                return ExitCodes.CouldNotRun;
            }
            if (await DuplicateChoices.ChooseKeeperAsync(catalog, await ModelOfAsync(catalog), id) is not { } group)
            {
                return NotInAGroup(console, id);
            }
            await console.Out.WriteLineAsync($"Photo {id} is now the keeper of its {group.Members.Count} versions; the others: {string.Join(", ", group.Others.Select(m => m.Id))}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Apart(CliConsole console)
    {
        var library = new LibraryOptions();
        var photo = PhotoArgument();
        var whole = new Option<bool>("--group") { Description = "No photo of its group is a duplicate of another: the whole group goes." };
        var command = new Command("apart", "Say this photo is not a duplicate of the others of its group: it leaves the group for good.") { photo, whole };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            if (await FindAsync(console, catalog, parse.GetValue(photo)!) is not { } id)
            {
                return ExitCodes.CouldNotRun;
            }
            var wholeGroup = parse.GetValue(whole);
            if (await DuplicateChoices.KeepApartAsync(catalog, await ModelOfAsync(catalog), id, wholeGroup) is not { } group)
            {
                return NotInAGroup(console, id);
            }
            await console.Out.WriteLineAsync(wholeGroup
                ? $"Photos {string.Join(", ", group.Members.Select(m => m.Id))} are no longer duplicates of each other."
                : $"Photo {id} is no longer a duplicate of {string.Join(", ", group.Members.Where(m => m.Id != id).Select(m => m.Id))}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<string> PhotoArgument() => new("PHOTO") { Description = "A photo id (as `shoebox duplicates` lists it) or an image file as indexed." };

    // A photo id, or a file at the path the library knows it by.
    private static async Task<long?> FindAsync(CliConsole console, PhotoCatalog catalog, string reference)
    {
        if ((await PhotoReferences.ResolveAsync(catalog, [reference])).Found is [var found])
        {
            return found.Id;
        }
        await console.Error.WriteLineAsync($"shoebox: {SummaryView.Printable(reference)} is not a photo in this library (give a photo id from `shoebox duplicates`, or a file as indexed).");
        return null;
    }

    private static int NotInAGroup(CliConsole console, long id)
    {
        console.Error.WriteLine($"shoebox: photo {id} is in no group of near-duplicates (`shoebox duplicates` lists them).");
        return ExitCodes.CouldNotRun;
    }

    // The library's model refines the groups when its vectors are there; otherwise the hashes decide alone.
    internal static async Task<Core.ModelIdentity?> ModelOfAsync(PhotoCatalog catalog)
    {
        try
        {
            return LibraryModel.IdentityOf(ModelResolver.Describe((await LibraryModel.ChooseAsync(catalog)).Name));
        }
        catch (ModelUnavailableException)
        {
            return null;
        }
    }
}
