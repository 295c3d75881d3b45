using System.CommandLine;
using Shoebox.Cli.Commands;

namespace Shoebox.Cli;

/// <summary>The composition root of the command line: every command, wired to the given console.</summary>
public static class ShoeboxApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("Shoebox: a local search engine for your photos and memes. Nothing leaves your machine.")
        {
            IndexCommand.Create(console),
            IndexCommand.Import(console),
            SourceCommands.Create(console),
            StatusCommand.Create(console),
            PruneCommand.Create(console),
            ModelsCommand.Create(console),
            EmbedCommand.Create(console),
            SearchCommands.Search(console),
            SearchCommands.Similar(console),
            SearchCommands.Random(console),
            XmpCommands.Create(console),
            ServeCommand.Create(console, ServeFront.Serve),
            ServeCommand.Create(console, ServeFront.Open),
            AppCommand.Create(console),
            LightroomCommands.Create(console),
            CaptionCommand.Create(console),
            DuplicatesCommand.Create(console),
            TagCommands.Create(console),
            PeopleCommands.Create(console),
            WorkerCommand.Create(console),
        };
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Commands handle Ctrl+C themselves, to stop after the batch in hand.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Exit 1 means a usage error to scripts; anything unforeseen is "could not run", with the details.
            await console.Error.WriteLineAsync($"shoebox: unexpected error: {e.Message}");
            await console.Error.WriteLineAsync(e.ToString());
            return ExitCodes.CouldNotRun;
        }
    }
}
