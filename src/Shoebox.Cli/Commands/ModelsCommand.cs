using System.CommandLine;
using System.Text.Json;
using Shoebox.Cli.Views;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox models list|pull|verify|remove`: the models on this machine.</summary>
internal static class ModelsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(CliConsole console)
    {
        var command = new Command("models", $"List, download, check and remove models; choose the one a library uses. Models are kept in ${StoreOptions.FolderVariable}, else the per-user cache folder.")
        {
            List(console), Pull(console), Verify(console), Remove(console), ModelUseCommand.Create(console), Synth(console),
        };
        return command;
    }

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "Show every known model and whether it is installed.") { json };
        command.SetAction(parse =>
        {
            var store = new ModelStore(new StoreOptions());
            var rows = ModelRegistry.All.Select(m => new
            {
                id = m.Id,
                dimensions = m.Dimensions,
                text = m.CanEmbedText,
                installed = store.Find(m) is not null,
                size = m.DownloadSize,
                isDefault = m.Id == ModelRegistry.DefaultId,
                licence = m.Licence,
                description = m.Description,
            }).ToList();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new { folder = store.Options.Folder, models = rows }, Json));
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"Models folder: {store.Options.Folder}");
            console.Out.WriteLine($"  {"id",-30}{"dims",6}  {"text",-5}{"installed",-11}description");
            foreach (var row in rows)
            {
                console.Out.WriteLine($"  {row.id + (row.isDefault ? " *" : ""),-30}{row.dimensions,6}  {(row.text ? "yes" : "no"),-5}{(row.installed ? "yes" : "no"),-11}{row.description}");
            }
            console.Out.WriteLine("  (* the default)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Pull(CliConsole console)
    {
        var id = ModelArgument();
        var offline = CommonOptions.Offline();
        var command = new Command("pull", "Download a model now (resumable; every file is checked against its SHA-256).") { id, offline };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Resolve(console, parse.GetValue(id)!) is not { } model)
            {
                return ExitCodes.Usage;
            }
            using var interruption = new Interruption(console.Error, cancellationToken);
            try
            {
                var installed = await ModelChoice.TryInstallAsync(console, model.Id, parse.GetValue(offline), interruption.Token);
                if (installed is null)
                {
                    return ExitCodes.CouldNotRun;
                }
                console.Out.WriteLine($"{model.Id} is installed in {installed.Folder}");
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
            {
                console.Error.WriteLine("Download stopped; run the same command to resume it.");
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var id = ModelArgument();
        var command = new Command("verify", "Check an installed model's files against their sizes and SHA-256 hashes.") { id };
        command.SetAction(parse =>
        {
            if (Resolve(console, parse.GetValue(id)!) is not { } model)
            {
                return ExitCodes.Usage;
            }
            var checks = new ModelStore(new StoreOptions()).Verify(model);
            foreach (var check in checks)
            {
                console.Out.WriteLine($"  {check.State.ToString().ToLowerInvariant(),-10}{check.File}{(check.Detail is null ? "" : $" ({check.Detail})")}");
            }
            var ok = checks.All(c => c.State == FileState.Ok);
            console.Out.WriteLine(ok ? $"{model.Id}: all files are intact." : $"{model.Id}: damaged or incomplete; `shoebox models remove {model.Id}` then pull it again.");
            return ok ? ExitCodes.Ok : ExitCodes.CouldNotRun;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var id = ModelArgument();
        var command = new Command("remove", "Delete a downloaded model. Vectors already in libraries are kept.") { id };
        command.SetAction(parse =>
        {
            if (Resolve(console, parse.GetValue(id)!) is not { } model)
            {
                return ExitCodes.Usage;
            }
            try
            {
                console.Out.WriteLine(new ModelStore(new StoreOptions()).Remove(model) ? $"Removed {model.Id}." : $"{model.Id} was not installed.");
                return ExitCodes.Ok;
            }
            catch (ModelUnavailableException e)
            {
                console.Error.WriteLine($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
        });
        return command;
    }

    private static Command Synth(CliConsole console)
    {
        var preset = new Option<string>("--preset")
        {
            Description = "tiny (for tests) or vit-b32 (the real ViT-B/32 shapes, for benchmarks).",
            Required = true,
        };
        preset.AcceptOnlyFromAmong([.. Models.Synth.SyntheticModels.Presets]);
        var output = new Option<string>("--out") { Description = "Folder to write (Hugging Face layout; use it with --model DIR).", Required = true, HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 1 };
        var command = new Command("synth", "Write a CLIP-shaped model with random weights: same inputs and outputs as the real export, for tests and speed measurements. Its vectors mean nothing.")
        {
            preset, output, seed,
        };
        command.SetAction(parse =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Models.Synth.SyntheticModels.Write(parse.GetValue(preset)!, folder, parse.GetValue(seed));
            console.Out.WriteLine($"Wrote the {parse.GetValue(preset)} model to {folder}; use it with --model {folder}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> ModelArgument() => new("ID") { Description = "A model id, as `shoebox models list` shows." };

    private static ModelDescriptor? Resolve(CliConsole console, string id)
    {
        var model = ModelRegistry.Find(id);
        if (model is null)
        {
            console.Error.WriteLine($"shoebox: no model is called '{id}'. Known: {string.Join(", ", ModelRegistry.All.Select(m => m.Id))}.");
        }
        return model;
    }
}
