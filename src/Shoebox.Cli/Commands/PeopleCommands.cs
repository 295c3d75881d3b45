using System.CommandLine;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Cli.Views;
using Shoebox.Core;

namespace Shoebox.Cli.Commands;

/// <summary>
/// `shoebox people`: the people found in the photos, and the user's word on them (a name, two people who are one, a
/// person to forget), which every later index keeps.
/// </summary>
internal static class PeopleCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var command = new Command("people", "The people found in the photos: named first, then by how many photos they are in. Names are searchable (person:NAME, or just the name).")
        {
            json,
            Name(console),
            Merge(console),
            Forget(console),
        };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            var found = new List<(PersonSummary Person, List<long> Ids)>();
            foreach (var person in await catalog.People.ListAsync())
            {
                found.Add((person, await catalog.People.PhotosOfAsync(person.Id)));
            }
            // One load for every person's photos: a photo with several people is read once, not once per person.
            var photos = await catalog.Photos.LoadAsync([.. found.SelectMany(f => f.Ids).Distinct()]);
            var people = found.Select(f => new PersonListing(f.Person.Id, f.Person.Name, f.Person.Faces,
                [.. f.Ids.Select(photos.GetValueOrDefault).OfType<CatalogPhoto>().Where(p => p.Paths.Count > 0).Select(p => new PersonPhoto(p.Id, p.Paths[0]))])).ToList();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new { people }, Json));
            }
            else if (people.Count == 0)
            {
                console.Out.WriteLine("No people yet: `shoebox index` finds faces and groups them (unless --no-faces).");
            }
            else
            {
                console.Out.WriteLine($"{"id",8}  {"name",-30}{"faces",7}{"photos",8}");
                foreach (var person in people)
                {
                    console.Out.WriteLine($"{person.Id,8}  {SummaryView.Printable(person.Name ?? "(unnamed)"),-30}{person.Faces,7:N0}{person.Photos.Count,8:N0}");
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Name(CliConsole console)
    {
        var library = new LibraryOptions();
        var id = new Argument<long>("ID") { Description = "The person's id, as `shoebox people` lists it." };
        var name = new Argument<string>("NAME") { Description = "Their name; \"\" takes the name off." };
        var command = new Command("name", "Name a person. Indexing never changes a name you gave; a name from Lightroom, Photos or Takeout is only used until you name them.") { id, name };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            try
            {
                if (!await catalog.People.NameAsync(parse.GetValue(id), parse.GetValue(name)))
                {
                    return NoSuchPerson(console, parse.GetValue(id));
                }
            }
            catch (ArgumentException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {ErrorMessages.Of(e)}");
                return ExitCodes.Usage;
            }
            var named = PeopleStore.Name(parse.GetValue(name));
            console.Out.WriteLine(named is null ? $"Person {parse.GetValue(id)} has no name now." : $"Person {parse.GetValue(id)} is {SummaryView.Printable(named)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Merge(CliConsole console)
    {
        var library = new LibraryOptions();
        var from = new Argument<long>("ID") { Description = "The person whose faces go." };
        var into = new Argument<long>("INTO") { Description = "The person they go to, who keeps their id (and takes the other's name when unnamed)." };
        var command = new Command("merge", "Two people are one: every face of ID goes to INTO. Kept through every later index.") { from, into };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            var (gone, kept) = (parse.GetValue(from), parse.GetValue(into));
            if (gone == kept)
            {
                await console.Error.WriteLineAsync("shoebox: give two different people to merge");
                return ExitCodes.Usage;
            }
            if (!await catalog.People.MergeAsync(gone, kept))
            {
                await console.Error.WriteLineAsync($"shoebox: there is no person {gone} or {kept} in this library (see `shoebox people`)");
                return ExitCodes.CouldNotRun;
            }
            console.Out.WriteLine($"Person {gone} is merged into {kept}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Forget(CliConsole console)
    {
        var library = new LibraryOptions();
        var id = new Argument<long>("ID") { Description = "The person's id, as `shoebox people` lists it." };
        var command = new Command("forget", "Forget a person (strangers in the background, say): their faces are left out of people from now on.") { id };
        library.AddTo(command);
        command.SetAction((parse, _) => ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
        {
            if (!await catalog.People.ForgetAsync(parse.GetValue(id)))
            {
                return NoSuchPerson(console, parse.GetValue(id));
            }
            console.Out.WriteLine($"Person {parse.GetValue(id)} is forgotten; their faces stay out of people.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int NoSuchPerson(CliConsole console, long id)
    {
        console.Error.WriteLine($"shoebox: there is no person {id} in this library (see `shoebox people`)");
        return ExitCodes.CouldNotRun;
    }

    private sealed record PersonPhoto(long Id, string Path);

    private sealed record PersonListing(long Id, string? Name, int Faces, IReadOnlyList<PersonPhoto> Photos);
}
