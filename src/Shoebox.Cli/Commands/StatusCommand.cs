using System.CommandLine;
using Shoebox.Cli.Views;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox status`: what the library holds and what is still to do. Safe while an index runs.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var library = CommonOptions.Library();
        var catalogUrl = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show what the library holds: photos, file locations, missing and failed files, work pending per stage.")
        {
            library, json,
        };
        command.Add(catalogUrl);
        command.SetAction(parse =>
        {
            var folder = LibraryLocation.Resolve(parse.GetValue(library));
            return ExistingLibrary.Run(console, folder, parse.GetValue(catalogUrl), exclusive: false, catalog =>
            {
                var status = catalog.GetStatus();
                if (parse.GetValue(json))
                {
                    console.Out.WriteLine(StatusView.ToJson(status, folder));
                }
                else
                {
                    StatusView.Write(console.Out, status, Shoebox.Catalog.PhotoCatalog.IsDatabaseUrl(parse.GetValue(catalogUrl)) ? $"{folder} (catalog {catalog.Address})" : folder);
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
