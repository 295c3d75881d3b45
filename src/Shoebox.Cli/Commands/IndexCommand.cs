using System.CommandLine;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Encoders;
using Shoebox.Models.Ocr;
using Shoebox.Models.Store;
using Shoebox.Models.Tags;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox index PATH...`: catalog every image under the folders, then make what each photo needs.</summary>
internal static class IndexCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Folders to index (walked recursively; symbolic links are followed), or photo libraries: a Google Takeout " +
                "folder or archive (.zip, .tgz), a Lightroom catalog (.lrcat), an Apple Photos library (.photoslibrary).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("index", "Catalog every image under the given folders and libraries: find, hash, read metadata, make thumbnails. Safe to stop and rerun at any time.");
        return Build(console, command, paths, kind: null);
    }

    /// <summary>`shoebox import takeout|lightroom|apple-photos PATH`: the same run, with the kind of library said outright.</summary>
    public static Command Import(CliConsole console)
    {
        var import = new Command("import", "Read a photo library (never changing it): its photos, albums, keywords, captions, dates and places become searchable.");
        foreach (var (kind, name, what, help) in new[]
        {
            (LibraryKind.Takeout, "takeout", "TAKEOUT", "A Google Photos Takeout: the unpacked folder, one archive (.zip, .tgz), or the folder holding all its parts."),
            (LibraryKind.Lightroom, "lightroom", "CATALOG", "A Lightroom Classic catalog (.lrcat), read-only; offline originals are indexed from its previews."),
            (LibraryKind.ApplePhotos, "apple-photos", "LIBRARY", "An Apple Photos library (.photoslibrary), read-only; photos only in iCloud are indexed from their previews."),
        })
        {
            var path = new Argument<string[]>(what) { Description = help, Arity = ArgumentArity.OneOrMore };
            path.Validators.Add(result =>
            {
                if (result.Tokens.Count > 1)
                {
                    result.AddError($"Give one {what}" + (kind == LibraryKind.Takeout ? " (for an export in several parts, the folder that holds them)." : "."));
                }
            });
            import.Add(Build(console, new Command(name, help), path, kind));
        }
        return import;
    }

    private static Command Build(CliConsole console, Command command, Argument<string[]> paths, LibraryKind? kind)
    {
        // A mistyped option would otherwise be taken for a folder name.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && !Path.Exists(t.Value)))
            {
                result.AddError($"Unrecognized option '{token.Value}'. See `shoebox {command.Name} --help`.");
            }
        });
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var includeHidden = new Option<bool>("--include-hidden")
        {
            Description = "Also index hidden files and folders (names starting with a dot).",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = $"Skip folders with this name, wherever they are (repeatable). Always skipped: {string.Join(", ", WalkOptions.DefaultExcludedNames)}.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxMegapixels = new Option<double>("--max-megapixels")
        {
            Description = "Refuse images larger than this, as protection against decompression bombs.",
            DefaultValueFactory = _ => DecodeOptions.DefaultMaxPixels / 1_000_000.0,
            HelpName = "MP",
        };
        maxMegapixels.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() <= 0)
            {
                result.AddError("--max-megapixels must be a positive number.");
            }
        });

        var model = new Option<string?>("--model")
        {
            Description = "Model for search vectors: an id from `shoebox models list` or a folder in the Hugging Face layout. Default: the library's model, else clip-vit-b32.",
            HelpName = "ID|DIR",
        };
        var offline = CommonOptions.Offline();
        var retryFailed = new Option<bool>("--retry-failed")
        {
            Description = "Try again the files and photos that failed before (after installing libheif, or raising --max-megapixels).",
        };
        var noOcr = new Option<bool>("--no-ocr")
        {
            Description = "Do not read the text in photos (OCR runs by default; photos without text cost little).",
        };
        var noTags = new Option<bool>("--no-tags")
        {
            Description = "Do not tag photos automatically (meme, screenshot, document; with a CLIP or SigLIP model, a few hundred everyday concepts).",
        };
        var scanOnly = new Option<bool>("--scan-only")
        {
            Description = "Catalog the files and queue their work, but leave the work to `shoebox worker` processes sharing the catalog (see --catalog).",
        };
        var rebuildThumbnails = new Option<bool>("--rebuild-thumbnails")
        {
            Description = "Make again every thumbnail that is missing from the library folder (after deleting them, say).",
        };

        library.AddTo(command);
        foreach (var option in new Option[] { json, model, offline, includeHidden, exclude, maxMegapixels, retryFailed, rebuildThumbnails, noOcr, noTags, scanOnly })
        {
            command.Add(option);
        }
        command.Add(paths);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = library.Resolve(parse);
            // Checked before the model is fetched: a mistyped folder should not cost a 600 MB download first.
            if (parse.GetValue(paths)!.FirstOrDefault(p => !Path.Exists(p)) is { } missingRoot)
            {
                await console.Error.WriteLineAsync($"shoebox: {missingRoot} does not exist");
                return ExitCodes.CouldNotRun;
            }
            var targets = parse.GetValue(paths)!.Select(p => (Path: p, Kind: kind ?? PhotoLibraries.Detect(p))).ToList();
            if (targets.FirstOrDefault(t => t.Kind == LibraryKind.Folder && !Directory.Exists(t.Path)) is { Path: { } notFolder })
            {
                await console.Error.WriteLineAsync($"shoebox: {notFolder} is a file, not a folder or a photo library Shoebox reads " +
                    "(a Takeout .zip or .tgz, a Lightroom .lrcat, an Apple Photos .photoslibrary); give the folder that holds it");
                return ExitCodes.CouldNotRun;
            }
            foreach (var (path, found) in targets.Where(t => t.Kind != LibraryKind.Folder))
            {
                await console.Error.WriteLineAsync($"Reading {path} as {Describe(found)} (read-only).");
            }
            var modelName = await ModelChoice.NameForAsync(parse.GetValue(model), chosen);
            if (await ModelChoice.DescribeAsync(console, modelName) is not { } descriptor)
            {
                return ExitCodes.Usage;
            }
            // A scan for workers only queues the model's stage: the workers fetch and run the model.
            var onlyScan = parse.GetValue(scanOnly);
            var installed = onlyScan ? null : await ModelChoice.TryInstallAsync(console, modelName, parse.GetValue(offline), cancellationToken);
            using var encoder = onlyScan ? null : await OpenEncoderAsync(console, installed);
            var tag = !parse.GetValue(noTags);
            var zeroShot = tag && encoder is not null ? await OpenTaggerAsync(console, installed!) : null;
            var readText = !parse.GetValue(noOcr);
            using var textReader = readText && !onlyScan ? await OpenTextReaderAsync(console, parse.GetValue(offline), cancellationToken) : null;
            var options = new IndexOptions
            {
                Roots = [.. targets.Where(t => t.Kind == LibraryKind.Folder).Select(t => t.Path)],
                Libraries = [.. targets.Where(t => t.Kind != LibraryKind.Folder).Select(t => PhotoLibraries.Open(t.Kind, t.Path, chosen.Folder))],
                Library = chosen,
                ScanOnly = onlyScan,
                Model = ModelChoice.IdentityOf(descriptor),
                ModelSource = ModelChoice.SourceOf(descriptor),
                Encoder = encoder,
                ReadText = readText,
                TextReader = textReader,
                Tag = tag,
                ZeroShot = zeroShot,
                Walk = new WalkOptions
                {
                    IncludeHidden = parse.GetValue(includeHidden),
                    ExcludedNames = [.. WalkOptions.DefaultExcludedNames, .. parse.GetValue(exclude) ?? []],
                },
                Decode = new DecodeOptions { MaxPixels = (long)(parse.GetValue(maxMegapixels) * 1_000_000) },
                RebuildThumbnails = parse.GetValue(rebuildThumbnails),
                RetryFailed = parse.GetValue(retryFailed),
            };
            return await RunAsync(console, options, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static string Describe(LibraryKind kind) => kind switch
    {
        LibraryKind.Takeout => "a Google Photos Takeout",
        LibraryKind.Lightroom => "a Lightroom Classic catalog",
        _ => "an Apple Photos library",
    };

    // Without its model the run still catalogs everything; the vectors stay pending for a run that has it.
    internal static async Task<OnnxImageEncoder?> OpenEncoderAsync(CliConsole console, InstalledModel? installed)
    {
        if (installed is null)
        {
            await console.Error.WriteLineAsync("Indexing goes on without search vectors; they stay pending (see `shoebox status`) until a run has the model.");
            return null;
        }
        try
        {
            var encoder = new OnnxImageEncoder(installed);
            await console.Error.WriteLineAsync($"Model {installed.Descriptor.Id} ({installed.Descriptor.Version}) on {encoder.Provider}.");
            return encoder;
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException)
        {
            await console.Error.WriteLineAsync($"shoebox: the model in {installed.Folder} cannot be loaded ({e.Message}). " +
                "Check it with `shoebox models verify`; indexing goes on without search vectors, which stay pending.");
            return null;
        }
    }

    // The vocabulary is put to the text tower once per run (a few seconds); a model without one tags by the rules alone.
    internal static async Task<ZeroShotTagger?> OpenTaggerAsync(CliConsole console, InstalledModel installed)
    {
        if (!installed.Descriptor.CanEmbedText)
        {
            return null;
        }
        try
        {
            using var text = new OnnxTextEncoder(installed);
            return new ZeroShotTagger(TagVocabulary.BuiltIn, text);
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or ModelUnavailableException)
        {
            await console.Error.WriteLineAsync($"shoebox: the text tower of {installed.Descriptor.Id} cannot be loaded ({e.Message}); photos are tagged without it.");
            return null;
        }
    }

    // Like the search model: without the OCR models the run goes on and the text stage stays pending.
    internal static async Task<OcrEngine?> OpenTextReaderAsync(CliConsole console, bool offline, CancellationToken cancellationToken)
    {
        var store = new ModelStore(offline ? new StoreOptions { Offline = true } : new StoreOptions());
        try
        {
            var models = await DownloadView.RunAsync(console, progress => OcrModels.EnsureAsync(store, progress, cancellationToken));
            return new OcrEngine(models);
        }
        catch (Exception e) when (e is ModelUnavailableException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or IOException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            await console.Error.WriteLineAsync("Indexing goes on without reading text; it stays pending (see `shoebox status`) until a run has the OCR models, or use --no-ocr.");
            return null;
        }
    }

    private static async Task<int> RunAsync(CliConsole console, IndexOptions options, bool json, CancellationToken cancellationToken)
    {
        using var interruption = new Interruption(console.Error, cancellationToken);
        var indexer = new Indexer(options);
        IndexSummary summary;
        try
        {
            var run = indexer.RunAsync(interruption.Token);
            await ProgressView.FollowAsync(console, indexer, run);
            summary = await run;
        }
        catch (Exception e) when (e is LibraryUnavailableException or DirectoryNotFoundException or Shoebox.Catalog.CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
        if (json)
        {
            await console.Out.WriteLineAsync(summary.ToJson());
        }
        else
        {
            SummaryView.Write(console.Out, summary, options.Library.Folder);
        }
        foreach (var skipped in summary.SkippedLibraries)
        {
            var hint = skipped.EndsWith(".lrdata", StringComparison.OrdinalIgnoreCase)
                ? "Lightroom's previews, read through its catalog: `shoebox import lightroom CATALOG.lrcat`"
                : $"a photo library, read with `shoebox import apple-photos \"{skipped}\"`";
            await console.Error.WriteLineAsync($"Skipped {skipped}: {hint}.");
        }
        foreach (var unreadable in summary.UnreadableLibraries)
        {
            await console.Error.WriteLineAsync($"shoebox: {unreadable.Path} could not be read: {unreadable.Reason}");
        }
        return summary.Interrupted ? ExitCodes.Interrupted : summary.UnreadableLibraries.Count > 0 ? ExitCodes.CouldNotRun : ExitCodes.Ok;
    }
}
