using System.CommandLine;
using Shoebox.Cli.Views;
using Shoebox.Indexing;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox status`: what the library holds and what is still to do. Safe while an index runs.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show what the library holds: photos, file locations, missing and failed files, the model it uses, work pending per stage.");
        library.AddTo(command);
        command.Add(json);
        command.SetAction((parse, _) =>
        {
            var chosen = library.Resolve(parse);
            return ExistingLibrary.RunAsync(console, chosen, exclusive: false, async catalog =>
            {
                var status = await catalog.GetStatusAsync();
                var model = await LibraryModel.ChooseAsync(catalog);
                if (parse.GetValue(json))
                {
                    await console.Out.WriteLineAsync(StatusView.ToJson(status, chosen.Folder, model));
                }
                else
                {
                    StatusView.Write(console.Out, status, chosen.Description, model);
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
