using System.CommandLine;
using Shoebox.Catalog;
using Shoebox.Cli.Views;
using Shoebox.Core;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox status`: what the library holds and what is still to do. Safe while an index runs.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var library = CommonOptions.Library();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show what the library holds: photos, file locations, missing and failed files, work pending per stage.")
        {
            library, json,
        };
        command.SetAction(parse =>
        {
            var folder = LibraryLocation.Resolve(parse.GetValue(library));
            if (!File.Exists(Path.Combine(folder, SqliteCatalog.FileName)))
            {
                console.Error.WriteLine($"shoebox: there is no library at {folder} yet. Run `shoebox index PATH` to create it.");
                return ExitCodes.CouldNotRun;
            }
            try
            {
                using var catalog = SqliteCatalog.Open(folder);
                var status = catalog.GetStatus();
                if (parse.GetValue(json))
                {
                    console.Out.WriteLine(StatusView.ToJson(status, folder));
                }
                else
                {
                    StatusView.Write(console.Out, status, folder);
                }
                return ExitCodes.Ok;
            }
            catch (LibraryUnavailableException e)
            {
                console.Error.WriteLine($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
        });
        return command;
    }
}
