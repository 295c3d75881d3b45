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
            Description = "Move every file but the suggested keeper's into this folder (nothing is deleted; the next index notices).",
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
        var command = new Command("duplicates", "List copies of the same photo and near-duplicates (re-saved, resized, cropped), the suggested keeper first.")
        {
            json, moveTo, export, merge,
        };
        library.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var writes = parse.GetValue(moveTo) is not null || parse.GetValue(merge);
            return ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: writes, async catalog =>
            {
                var groups = await DuplicateFinder.FindAsync(catalog, await LibraryModelAsync(catalog));
                int? merged = null;
                if (parse.GetValue(merge))
                {
                    merged = 0;
                    foreach (var group in groups)
                    {
                        merged += await catalog.Duplicates.MergeTextsAsync(group.Keeper.Id, [.. group.Others.Select(m => m.Id)]);
                    }
                }
                List<MovedFile>? moved = null;
                if (parse.GetValue(moveTo) is { } target)
                {
                    var aside = await DuplicatesToSetAside.LocationsToSetAsideAsync(catalog, groups);
                    moved = OriginalMover.MoveInto(aside.Select(StoredLocations.AsStored), Path.GetFullPath(target));
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
                    console.Out.WriteLine(JsonSerializer.Serialize(new { groups = Shape(groups), merged, moved }));
                }
                else
                {
                    Write(console, groups, merged, moved);
                }
                return moved?.Any(m => m.Problem is not null) == true ? ExitCodes.CouldNotRun : ExitCodes.Ok;
            });
        });
        return command;
    }

    // The library's model refines the groups when its vectors are there; otherwise the hashes decide alone.
    private static async Task<ModelIdentity?> LibraryModelAsync(PhotoCatalog catalog)
    {
        if (await catalog.Settings.GetAsync(SettingStore.DefaultModel) is not { } id)
        {
            return null;
        }
        try
        {
            var model = ModelResolver.Describe(id);
            return new ModelIdentity(model.Id, model.Version, model.Dimensions);
        }
        catch (ModelUnavailableException)
        {
            return null;
        }
    }

    internal static object Shape(IEnumerable<DuplicateGroup> groups) => groups.Select(g => new
    {
        kind = g.Kind,
        keeper = g.Keeper.Id,
        members = g.Members.Select(m => new { id = m.Id, hash = m.Hash, paths = m.Paths, width = m.Width, height = m.Height, takenAt = m.TakenAt, texts = m.Texts, reason = m.Reason }),
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

    private static void Write(CliConsole console, List<DuplicateGroup> groups, int? merged, List<MovedFile>? moved)
    {
        if (groups.Count == 0)
        {
            console.Out.WriteLine("No duplicates found.");
        }
        foreach (var group in groups)
        {
            console.Out.WriteLine(group.Kind == "copies" ? $"Copies of photo {group.Keeper.Id}:" : $"{group.Members.Count} near-duplicates:");
            foreach (var member in group.Members)
            {
                var mark = member == group.Keeper ? "keep " : "     ";
                foreach (var path in member.Paths)
                {
                    console.Out.WriteLine($"  {mark} {SummaryView.Printable(path)}  ({member.Width} x {member.Height}; {member.Reason})");
                    mark = "     ";
                }
            }
        }
        if (merged is { } count)
        {
            console.Out.WriteLine($"Merged {count} keywords, tags, captions and albums into the keepers.");
        }
        foreach (var file in moved ?? [])
        {
            console.Out.WriteLine(SummaryView.Printable(file.Problem is null ? $"Moved {file.From} -> {file.To}" : $"Not moved {file.From}: {file.Problem}"));
        }
    }
}
