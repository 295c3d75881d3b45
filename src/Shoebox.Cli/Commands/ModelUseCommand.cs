using System.CommandLine;
using Shoebox.Catalog.Stores;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Store;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox models use ID|DIR`: the model a library searches and indexes with from now on, unless --model says otherwise.</summary>
internal static class ModelUseCommand
{
    public static Command Create(CliConsole console)
    {
        var library = new LibraryOptions();
        var id = new Argument<string?>("ID")
        {
            Description = "A model id (`shoebox models list`) or a model folder.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var auto = new Option<bool>("--auto")
        {
            Description = "Forget the choice: use the model whose vectors the library holds for the most photos.",
        };
        var command = new Command("use", "Choose the model a library searches and indexes with (`status` shows it); --model still wins for one command.") { id, auto };
        library.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var name = parse.GetValue(id);
            if (name is null == !parse.GetValue(auto))
            {
                await console.Error.WriteLineAsync("shoebox: give a model id or folder, or --auto (not both).");
                return ExitCodes.Usage;
            }
            string? source = null;
            if (name is not null)
            {
                try
                {
                    source = LibraryModel.SourceOf(ModelResolver.Describe(name));
                }
                catch (ModelUnavailableException e)
                {
                    await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                    return ExitCodes.Usage;
                }
            }
            return await ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
            {
                if (source is null)
                {
                    await catalog.Settings.RemoveAsync(SettingStore.ChosenModel);
                }
                else
                {
                    await catalog.Settings.SetAsync(SettingStore.ChosenModel, source);
                }
                var now = await LibraryModel.ChooseAsync(catalog);
                await console.Out.WriteLineAsync($"The library now uses {now.Name} ({now.Reason}).");
                // Both counts are of photos with a file that exists: a missing photo's vector is not for `index` to make.
                if (await LibraryModel.VectorsHeldAsync(catalog, now.Name) is { } held && held < await catalog.Photos.CountExistingAsync())
                {
                    await console.Out.WriteLineAsync($"It holds {now.Name} vectors of {held:N0} photo{(held == 1 ? "" : "s")}: `shoebox index` makes the others.");
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
