using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Store;
using Shoebox.Search.Duplicates;
using Shoebox.Sources.Originals;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox duplicates`: list exact copies and near-duplicates, merge their words into the keeper, set the others aside.</summary>
internal static class DuplicatesCommand
{
    public static Command Create(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var moveTo = new Option<string?>("--move-to")
        {
            Description = "Move every file but the keeper's into this folder, after listing them (nothing is deleted; the next index notices).",
            HelpName = "DIR",
        };
        var export = new Option<string?>("--export")
        {
            Description = "Write the groups to this file: CSV, or JSON when it ends in .json.",
            HelpName = "FILE",
        };
        var merge = new Option<bool>("--merge")
        {
            Description = "Copy keywords, tags, captions and albums of the others onto each keeper (again adds nothing).",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "With --move-to or --merge: say what would be moved or merged, and change nothing.",
        };
        var command = new Command("duplicates", "List copies of the same photo and near-duplicates (re-saved, resized, cropped), the keeper first.")
        {
            json, moveTo, export, merge, dryRun, DuplicateChoiceCommands.Keep(console), DuplicateChoiceCommands.Apart(console),
        };
        library.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var dry = parse.GetValue(dryRun);
            var writes = !dry && (parse.GetValue(moveTo) is not null || parse.GetValue(merge));
            return ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: writes, async catalog =>
            {
                var groups = await DuplicateFinder.FindAsync(catalog, await DuplicateChoiceCommands.ModelOfAsync(catalog));
                int? merged = null;
                if (parse.GetValue(merge))
                {
                    merged = 0;
                    foreach (var group in groups)
                    {
                        merged += dry
                            ? await catalog.Duplicates.CountTextsToMergeAsync(group.Keeper.Id, [.. group.Others.Select(m => m.Id)])
                            : await catalog.Duplicates.MergeTextsAsync(group.Keeper.Id, [.. group.Others.Select(m => m.Id)]);
                    }
                }
                List<MovedFile>? moved = null;
                if (parse.GetValue(moveTo) is { } target)
                {
                    // What is set aside is listed as it moves, to be undone by hand; --dry-run lists it and moves nothing.
                    var aside = await DuplicatesToSetAside.LocationsToSetAsideAsync(catalog, groups);
                    if (!parse.GetValue(json))
                    {
                        await console.Error.WriteLineAsync(dry
                            ? $"Would move {aside.Count:N0} file{(aside.Count == 1 ? "" : "s")} into {Path.GetFullPath(target)} (--dry-run: nothing moved):"
                            : $"Moving {aside.Count:N0} file{(aside.Count == 1 ? "" : "s")} into {Path.GetFullPath(target)}; the keepers stay:");
                        foreach (var location in aside)
                        {
                            await console.Error.WriteLineAsync($"  {SummaryView.Printable(location.Path)}");
                        }
                    }
                    moved = dry
                        ? [.. aside.Select(l => new MovedFile(l.Path, null, null))]
                        : OriginalMover.MoveInto(aside.Select(StoredLocations.AsStored), Path.GetFullPath(target));
                }
                if (parse.GetValue(export) is { } file)
                {
                    try
                    {
                        File.WriteAllText(file, file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ToJson(groups) : ToCsv(groups));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        console.Error.WriteLine($"shoebox: cannot write {file}: {e.Message}");
                        return ExitCodes.CouldNotRun;
                    }
                }
                if (parse.GetValue(json))
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(new { groups = Shape(groups), merged, moved, dryRun = dry }));
                }
                else
                {
                    Write(console, groups, merged, dry ? null : moved, dry);
                }
                return moved?.Any(m => m.Problem is not null) == true ? ExitCodes.CouldNotRun : ExitCodes.Ok;
            });
        });
        return command;
    }

    internal static object Shape(IEnumerable<DuplicateGroup> groups) => groups.Select(g => new
    {
        kind = g.Kind,
        keeper = g.Keeper.Id,
        keeperChosen = g.KeeperChosen,
        members = g.Members.Select(m => new
        {
            id = m.Id, hash = m.Hash, paths = m.Paths, format = m.Format, size = m.Size, width = m.Width, height = m.Height, quality = m.Quality,
            takenAt = m.TakenAt, texts = m.Texts, reason = m.Reason, differences = m.Differences,
        }),
    }).ToList();

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string ToJson(List<DuplicateGroup> groups) => JsonSerializer.Serialize(Shape(groups), Indented);

    private static string ToCsv(List<DuplicateGroup> groups)
    {
        var csv = new StringBuilder("group,kind,role,id,path,width,height,taken_at,reason\n");
        foreach (var (group, number) in groups.Select((g, i) => (g, i + 1)))
        {
            foreach (var member in group.Members)
            {
                foreach (var (path, at) in member.Paths.Select((p, i) => (p, i)))
                {
                    var role = member == group.Keeper && (group.Kind == "near" || at == 0) ? "keep" : "other";
                    csv.Append(CultureInfo.InvariantCulture, $"{number},{group.Kind},{role},{member.Id},{Quote(path)},{member.Width},{member.Height},{member.TakenAt},{Quote(member.Reason)}\n");
                }
            }
        }
        return csv.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Write(CliConsole console, List<DuplicateGroup> groups, int? merged, List<MovedFile>? moved, bool dry)
    {
        if (groups.Count == 0)
        {
            console.Out.WriteLine("No duplicates found.");
        }
        foreach (var group in groups)
        {
            console.Out.WriteLine(group.Kind == "copies" ? $"Copies of photo {group.Keeper.Id}:" : $"{group.Members.Count} versions of one picture:");
            foreach (var member in group.Members)
            {
                var mark = member == group.Keeper ? "keep " : "     ";
                foreach (var path in member.Paths)
                {
                    console.Out.WriteLine($"  {mark} {SummaryView.Printable(path)}  (photo {member.Id}, {member.Width} x {member.Height}: {member.Reason})");
                    mark = "     ";
                }
            }
        }
        if (groups.Any(g => g.Kind == "near"))
        {
            console.Error.WriteLine("Another keeper: `shoebox duplicates keep PHOTO`; not duplicates: `shoebox duplicates apart PHOTO` (--group for its whole group).");
        }
        if (merged is { } count)
        {
            var texts = $"{count:N0} word{(count == 1 ? "" : "s")} (keywords, tags, captions, albums)";
            console.Out.WriteLine(dry ? $"Would merge {texts} into the keepers (--dry-run: nothing merged)." : $"Merged {texts} into the keepers.");
        }
        foreach (var file in moved ?? [])
        {
            console.Out.WriteLine(SummaryView.Printable(file.Problem is null ? $"Moved {file.From} -> {file.To}" : $"Not moved {file.From}: {file.Problem}"));
        }
    }
}
